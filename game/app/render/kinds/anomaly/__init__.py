"""The anomaly level kind on the window side."""
