"""Hearth's HTTP front end: a local OpenAI-compatible API (``hearth serve``), a peer of the terminal and the window.

``server.app`` makes the FastAPI application over :class:`core.serve.ModelHost`; ``server.run`` runs it with
uvicorn. Failures reach a client as OpenAI's error object, worded here from :class:`core.serve.ApiError`.
"""
