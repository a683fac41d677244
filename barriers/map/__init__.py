"""The interactive map (``barriers map``): layout in Python, one page with vis-network inline.

Import :mod:`barriers.map.render` only where a page is rendered: it pulls in pyvis.
"""
