"""Mine an archive of past speeches for an office's own formulas (the only jieba import)."""
