"""Tests of the sinricpro package and what it brings to Home Assistant."""
