"""`bangkok-lint serve`: a local web page to check documents and compare two versions of a law.

Built on Starlette (served by uvicorn), installed by the `web` extra and imported only by
the `serve` command, so `check` never loads a web stack. Uploads are checked by the same
runner and reported by the same renderers as the command line; `checks` does that work
without knowing about HTTP, `app` maps it to pages, `guard` keeps other sites and
oversized bodies out, `store` keeps finished results in memory for a short time.
"""
