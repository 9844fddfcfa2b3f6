"""Read an existing speech (txt/md/docx) → clean → front matter → heading hierarchy → roles → spec skeleton."""
