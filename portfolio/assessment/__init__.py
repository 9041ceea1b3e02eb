"""Assessment: methods, assessor decisions and how they are recorded."""
