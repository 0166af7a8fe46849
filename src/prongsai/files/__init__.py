"""Checks on files people upload, made before anything parses them (pure Python): every
layer that opens a Word or Excel file asks here first."""
