"""Reports: what the desk adds up for the day's close and the month's claim."""
