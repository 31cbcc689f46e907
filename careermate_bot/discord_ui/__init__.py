"""Discord widgets two or more features share; feature UI lives in cogs/<feature>/.

- `items.PersistentItem`: the one base class for buttons/selects (DynamicItems) that answer
  after a restart; `memory.ClientMemory`: per-process state for them.
- `replies`: one `Reply` interface over interactions and messages, for one flow per command.
- `views`: base views and modals (errors answered privately); `live_views`: result views that
  time out, and `ExpiredListButton` for clicks on them after a restart.
- `streaming` (throttled streamed edits), `pagify` (message splitting), `fit` and `limits`
  (Discord's limits), `errors` (one short reply per failure), `autocomplete`, `formatting`
  (brand colour, name lists, pay lines), `events` (names of cross-cog bot events).

Nothing here imports a cog.
"""
