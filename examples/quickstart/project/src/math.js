// math helpers
