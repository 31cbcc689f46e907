"""Discord widgets two or more features share; feature UI lives in cogs/<feature>/.

- `items.PersistentItem`: the one base class for buttons/selects (DynamicItems) that answer
  after a restart; `memory.ClientMemory`: per-process state for them.
- `replies`: one `Reply` interface over interactions and messages, for one flow per command.
- `views`: base views and modals (errors answered privately); `live_views`: result views that
  time out, and `ExpiredList`, the base of each feature's catcher for clicks on them after a
  restart; `custom_ids`: custom ids declared once (regex, formatter and parser from one line).
- `streaming` (paced streamed edits) and `edit_budget` (Discord's REST budget for them),
  `pagify` (message splitting), `fit` and `limits`
  (Discord's limits), `errors` (one short reply per failure), `autocomplete`, `formatting`
  (brand colour, name lists, pay lines), `events` (names of cross-cog bot events).

Nothing here imports a cog.
"""
