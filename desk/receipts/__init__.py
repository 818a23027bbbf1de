"""Receipts (结算单) and report pages as PDF, drawn with reportlab in an embedded CJK font."""
