"""Assessment-evidence portfolios for UK vocational qualifications."""

__version__ = "0.1.0"
