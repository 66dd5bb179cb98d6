"""Priority portfolios: the 1% money, the projects and their results by technology-policy priority."""
