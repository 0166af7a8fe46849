"""Readers that turn files into results documents and framework data (pure Python)."""
