// formatting
