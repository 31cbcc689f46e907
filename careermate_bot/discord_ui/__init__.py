"""Discord-side helpers shared by the cogs: error replies, safe sending, base views."""
