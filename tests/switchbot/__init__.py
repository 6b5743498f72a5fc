"""Tests of the switchbot package and what it brings to Home Assistant."""
