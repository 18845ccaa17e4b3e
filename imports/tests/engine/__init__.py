"""A small app that the spreadsheet engine's own tests import into, standing for any domain
app, so that the engine is tested without the domain apps it never imports."""
