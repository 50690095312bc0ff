# server: sources of this area
