"""What the country can do: technology audits of organisations and technology readiness assessments."""
