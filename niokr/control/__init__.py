"""Control of the targeted use: indicators, flags with evidence, risk scores, coverage, audit cases."""
