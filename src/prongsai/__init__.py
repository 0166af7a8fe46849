"""prongsai: the workbench for a Thai public agency's yearly ITA cycle."""

__version__ = "0.1.0"
