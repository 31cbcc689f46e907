"""The seed's two long mixed messages (career analysis, job search), shared by the intent unit
tests and the end-to-end understanding tests."""

SEED_PATHS = (
    "Hi! I'm a software developer with 3 years of experience in Python and JavaScript. I'm "
    "interested in machine learning and data science. I live in San Francisco and I'm looking "
    "for remote opportunities. What career paths would you recommend for me?"
)
SEED_JOBS = (
    "I'm looking for a job in data science. I have 4 years of experience with Python, SQL and "
    "machine learning, and I'd like to work remotely. I live in Denver. My salary expectation "
    "is around 120k. What jobs match me?"
)
