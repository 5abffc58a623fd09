"""Text normalisation, the multi-pattern matcher, and the helpers that shape replacements."""
