"""Files a school takes away: its filtered pupil list as CSV."""
