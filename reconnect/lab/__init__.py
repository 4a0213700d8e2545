"""The Innovation Lab: pilots, learning trios, outcome data and their evaluation."""
