"""Every seed item is answered by some page, and every page answers real questions."""
import yaml

from conftest import DOCS, front_matter, question_pages


def seed_items():
    return yaml.safe_load((DOCS / "_data" / "seed-items.yml").read_text(encoding="utf-8"))


def test_every_seed_item_is_answered_by_a_page():
    covered = set()
    for page in question_pages():
        covered |= set(front_matter(page).get("sources") or [])
    missing = sorted(set(seed_items()) - covered)
    assert not missing, f"{len(missing)} seed items have no page: {missing}"


def test_every_cluster_has_a_page_in_its_chapter():
    """The 91 canonical questions each have a page in the chapter the inventory assigns."""
    pages = {p: set(front_matter(p).get("sources") or []) for p in question_pages()}
    clusters = {}
    for sid, (cluster, chapter) in seed_items().items():
        clusters.setdefault((cluster, chapter), set()).add(sid)
    assert len(clusters) == 91
    missing = [f"{cluster} ({chapter})" for (cluster, chapter), items in sorted(clusters.items())
               if not any(p.parent.name == chapter and srcs & items for p, srcs in pages.items())]
    assert not missing, f"clusters without a page in their chapter: {missing}"
