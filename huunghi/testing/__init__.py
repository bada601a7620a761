"""Test helpers shared by several test modules (not collected as tests themselves)."""
