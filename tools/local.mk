# tools: sources of this area
