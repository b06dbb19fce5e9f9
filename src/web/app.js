// Cohesio page
