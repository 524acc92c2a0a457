"""A stand-in for a web framework: request.arg(name) returns what the client sent."""
