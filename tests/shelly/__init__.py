"""Tests of the shelly package and what it brings to Home Assistant."""
