"""Draw Cloud Bridge's brand images (a cloud with an arch bridge) into custom_components/cloud_bridge/brand/.

From the repository root:

    .venv/bin/python scripts/brand.py            # redraw every image
    .venv/bin/python scripts/brand.py --out /tmp/brand --font /path/to/Bold.ttf

Everything is drawn at four times the final size and scaled down, so edges are
anti-aliased. The mark is flat blue and white on a transparent background and
reads on light and dark pages alike; only the logo's words need a dark variant.
The words use the first bold sans-serif font found on the machine (DejaVu Sans
Bold, Liberation Sans Bold, …) and fall back to Pillow's own font without one.
Only Pillow is needed (Home Assistant depends on it, so the venv has it).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
import sys

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
BRAND = ROOT / "custom_components" / "cloud_bridge" / "brand"

# Drawn this many times larger than saved, then scaled down with Lanczos.
SCALE = 4

type RGB = tuple[int, int, int]
type Font = ImageFont.FreeTypeFont | ImageFont.ImageFont

BLUE: RGB = (30, 136, 229)  # the cloud (Material blue 600)
WHITE: RGB = (255, 255, 255)  # the bridge
INK: RGB = (31, 41, 55)  # "Cloud" on light pages
INK_DARK: RGB = (243, 244, 246)  # "Cloud" on dark pages
BLUE_DARK: RGB = (100, 181, 246)  # "Bridge" on dark pages (lighter, for contrast)

# Bold sans-serif fonts looked for, best first, and where fonts usually are.
FONT_NAMES = (
    "DejaVuSans-Bold.ttf",
    "LiberationSans-Bold.ttf",
    "NotoSans-Bold.ttf",
    "FreeSansBold.ttf",
    "Arial Bold.ttf",
    "arialbd.ttf",
)
FONT_DIRS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local" / "share" / "fonts",
    Path.home() / ".fonts",
    Path("/Library/Fonts"),
    Path("/System/Library/Fonts"),
    Path("C:/Windows/Fonts"),
)

ICON_SIZES = {"icon.png": 256, "icon@2x.png": 512}
LOGO_HEIGHT = 256
LOGO_MAX_WIDTH = 1024


@dataclass(frozen=True, slots=True)
class LogoStyle:
    """The colours of the logo's two words."""

    first: RGB
    second: RGB


LOGOS = {
    "logo.png": LogoStyle(first=INK, second=BLUE),
    "dark_logo.png": LogoStyle(first=INK_DARK, second=BLUE_DARK),
}


def _box(cx: float, cy: float, r: float) -> tuple[float, float, float, float]:
    return (cx - r, cy - r, cx + r, cy + r)


def draw_mark(side: int) -> Image.Image:
    """The mark on a transparent square of `side` pixels, at full (unscaled) size.

    Coordinates are fractions of the side so the shape is the same at any size.
    """
    s = float(side)
    mask = Image.new("L", (side, side), 0)
    cloud = ImageDraw.Draw(mask)
    # Three puffs on a flat, rounded base.
    cloud.ellipse(_box(0.27 * s, 0.58 * s, 0.19 * s), fill=255)
    cloud.ellipse(_box(0.50 * s, 0.43 * s, 0.27 * s), fill=255)
    cloud.ellipse(_box(0.74 * s, 0.56 * s, 0.21 * s), fill=255)
    cloud.rounded_rectangle(
        (0.03 * s, 0.55 * s, 0.97 * s, 0.83 * s), radius=round(0.14 * s), fill=255
    )
    image = Image.new("RGBA", (side, side), (*BLUE, 0))
    image.putalpha(mask)

    bridge = ImageDraw.Draw(image)
    white = (*WHITE, 255)
    stroke = 0.06 * s
    deck = 0.665 * s
    bottom = 0.83 * s
    # The deck, nearly as wide as the cloud's base.
    bridge.rectangle(
        (0.15 * s, deck - stroke / 2, 0.85 * s, deck + stroke / 2), fill=white
    )
    # A through arch from pier to pier, rising well above the deck.
    left, right, top = 0.24 * s, 0.76 * s, 0.40 * s
    bridge.arc(
        (left, top, right, top + 2 * (deck - top)),
        180,
        360,
        fill=white,
        width=round(stroke),
    )
    # Hangers from the arch down to the deck.
    for fraction in (0.41, 0.59):
        x = fraction * s
        bridge.line((x, 0.44 * s, x, deck), fill=white, width=round(0.6 * stroke))
    # Piers under the arch's ends, down through the cloud's base.
    pier = 0.8 * stroke
    for x in (left + stroke / 2, right - stroke / 2):
        bridge.rectangle((x - pier, deck, x + pier, bottom), fill=white)
    return image


def _trim(image: Image.Image) -> Image.Image:
    """The image without its fully transparent border."""
    box = image.getchannel("A").getbbox()
    return image.crop(box) if box else image


def icon(size: int) -> Image.Image:
    """The square icon, `size` pixels a side: the mark as wide as the icon, centred."""
    side = size * SCALE
    mark = _trim(draw_mark(side * 5 // 4))
    height = round(mark.height * side / mark.width)
    mark = mark.resize((side, height), Image.Resampling.LANCZOS)
    canvas = Image.new("RGBA", (side, side), (*BLUE, 0))
    canvas.alpha_composite(mark, (0, (side - height) // 2))
    return canvas.resize((size, size), Image.Resampling.LANCZOS)


def find_font(explicit: Path | None = None) -> Path | None:
    """A bold sans-serif TrueType font on this machine, or None."""
    if explicit is not None:
        return explicit
    for name in FONT_NAMES:
        for directory in FONT_DIRS:
            if not directory.is_dir():
                continue
            found = next(iter(sorted(directory.rglob(name))), None)
            if found is not None:
                return found
    return None


def load_font(path: Path | None, size: int) -> Font:
    """The font at `path` in `size` pixels, or Pillow's own font."""
    if path is not None:
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def draw_words(
    words: Iterable[tuple[str, RGB]], font: Font, height: int
) -> Image.Image:
    """Words side by side in their colours, scaled to `height` (cap to baseline)."""
    parts = list(words)
    text = "".join(word for word, _ in parts)
    left, top, right, bottom = font.getbbox(text)
    canvas = Image.new(
        "RGBA", (int(right - left) + 4, int(bottom - top) + 4), (0, 0, 0, 0)
    )
    draw = ImageDraw.Draw(canvas)
    x = -float(left) + 2
    for word, colour in parts:
        draw.text((x, -float(top) + 2), word, font=font, fill=(*colour, 255))
        x += float(font.getlength(word))
    canvas = _trim(canvas)
    # A bitmap fallback font is small: scale whatever was drawn to the height.
    width = round(canvas.width * height / canvas.height)
    return canvas.resize((width, height), Image.Resampling.LANCZOS)


def logo(style: LogoStyle, font_path: Path | None) -> Image.Image:
    """The mark and the words "Cloud Bridge", trimmed, at most LOGO_MAX_WIDTH wide."""
    height = LOGO_HEIGHT * SCALE
    mark = _trim(draw_mark(height * 3 // 2))
    mark = mark.resize(
        (round(mark.width * height / mark.height), height), Image.Resampling.LANCZOS
    )
    # The words (ascender to descender) at most 46 % of the mark's height; they
    # shrink to keep the logo within LOGO_MAX_WIDTH.
    text_height = round(0.46 * height)
    font = load_font(font_path, text_height * 4 // 3)
    words = draw_words(
        [("Cloud ", style.first), ("Bridge", style.second)], font, text_height
    )
    gap = round(0.16 * height)
    width = mark.width + gap + words.width
    limit = LOGO_MAX_WIDTH * SCALE
    if width > limit:
        shrink = (limit - mark.width - gap) / words.width
        words = words.resize(
            (round(words.width * shrink), round(words.height * shrink)),
            Image.Resampling.LANCZOS,
        )
        width = mark.width + gap + words.width
    canvas = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    canvas.alpha_composite(mark, (0, 0))
    # The words sit a little below the middle, where the cloud is widest.
    canvas.alpha_composite(
        words, (mark.width + gap, round(0.56 * height - words.height / 2))
    )
    final = canvas.resize((round(width / SCALE), LOGO_HEIGHT), Image.Resampling.LANCZOS)
    return _trim(final)


def render(font_path: Path | None) -> dict[str, Image.Image]:
    """Every brand image by file name."""
    images = {name: icon(size) for name, size in ICON_SIZES.items()}
    images.update({name: logo(style, font_path) for name, style in LOGOS.items()})
    return images


def main(argv: list[str] | None = None) -> int:
    """Write the images; say which font the words used."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=BRAND, help="output folder")
    parser.add_argument("--font", type=Path, help="a bold TrueType font to use")
    args = parser.parse_args(argv)
    font_path = find_font(args.font)
    print(f"font: {font_path or "Pillow's default font"}")
    args.out.mkdir(parents=True, exist_ok=True)
    for name, image in render(font_path).items():
        target = args.out / name
        image.save(target, optimize=True)
        shown = target.relative_to(ROOT) if target.is_relative_to(ROOT) else target
        print(f"{shown}: {image.width}x{image.height}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
