"""Views of the brainstorm page: the ranking table and chart, the idea lists, the idea picker,
the voting panel and the voting and scoring settings."""
from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from cxcore import brainstorm, ranking
from cxcore.brainstorm import Board, Brainstorm, Idea
from cxcore.ideas import cast_vote, take_back_vote

from . import feedback
from .text import chart_text, plain

TEAL = "#0d6e6e"


def short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def idea_line(idea: Idea, technique: str) -> str:
    """One idea as Markdown: user text escaped, the wrong-way flip after an arrow."""
    text = plain(idea.text)
    if technique == "wrong_way":
        text = f"~~{text}~~ → **{plain(idea.flipped)}**" if idea.flipped else \
            f"{text} :gray[(not flipped yet)]"
    author = f" :gray[· {plain(idea.author)}]" if idea.author else ""
    return f"- {text}{author}"


def idea_list(current: Board, columns: int = 1) -> None:
    """Diverge: every idea, newest first, under its provocation for What if?; no scores.

    With ``columns`` > 1 (the projector) the provocations sit side by side, or a single list
    is spread over that many columns."""
    technique = current.brainstorm.technique
    groups = [(None, "Ideas", current.ideas)]
    if technique == "what_if":
        groups = [(p.id, f"What if {p.text.removeprefix('What if ').removeprefix('what if ')}",
                   [i for i in current.ideas if i.provocation_id == p.id])
                  for p in current.provocations]
        groups.append((None, "Not under a provocation",
                       [i for i in current.ideas if i.provocation_id is None]))
        groups = [g for g in groups if g[1] != "Not under a provocation" or g[2]]
    places = st.columns(min(columns, len(groups))) if columns > 1 else [st.container()]
    for index, (_, title, items) in enumerate(groups):
        with places[index % len(places)], st.container(border=True):
            st.markdown(f"**{plain(title)}** :gray-badge[{len(items)}]")
            lines = [idea_line(i, technique) for i in reversed(items)]
            if not lines:
                st.caption("No ideas yet.")
            elif columns > 1 and len(groups) == 1:
                share = -(-len(lines) // columns)
                for column, start in zip(st.columns(columns), range(0, len(lines), share)):
                    column.markdown("\n".join(lines[start:start + share]))
            else:
                st.markdown("\n".join(lines))


def ranking_table(current: Board) -> None:
    rows = brainstorm.ranking_rows(current)
    if not rows:
        st.caption("No ideas to rank yet.")
        return
    st.dataframe(rows, hide_index=True, width="stretch", height=min(38 + 35 * len(rows), 460),
                 column_config={
                     "Rank": st.column_config.NumberColumn(width="small"),
                     "Idea": st.column_config.TextColumn(width="large"),
                     "Score": st.column_config.ProgressColumn(
                         "Score", min_value=0, max_value=5, format="%.2f",
                         help="Weighted mean of the three criteria, 1 to 5"),
                     "Dots": st.column_config.NumberColumn(width="small"),
                 })


def ranking_chart(current: Board, top: int = 15) -> None:
    rows = [r for r in brainstorm.ranking_rows(current, top) if r["Score"] is not None]
    if not rows:
        st.caption("Score some ideas to see the chart.")
        return
    rows.reverse()  # plotly draws the first bar at the bottom
    labels = [chart_text(f"{r['Rank']}. {short(r['Idea'], 48)}") for r in rows]
    figure = go.Figure(go.Bar(
        x=[r["Score"] for r in rows], y=labels, orientation="h", marker_color=TEAL,
        text=[f"{r['Score']:.2f} · {r['Dots']} dots" for r in rows], textposition="auto",
        hovertemplate="%{y}<br>Score %{x:.2f}<extra></extra>"))
    figure.update_layout(
        title=f"Top {len(rows)} ideas by weighted score", height=90 + 34 * len(rows),
        margin={"l": 10, "r": 10, "t": 50, "b": 40},
        xaxis={"title": "Weighted score (1-5)", "range": [0, 5]}, yaxis={"automargin": True})
    st.plotly_chart(figure, width="stretch")


def theme_summary(current: Board) -> None:
    for theme, ids in brainstorm.themes(current).items():
        names = ", ".join(plain(short(current.idea(i).text, 40)) for i in ids[:4])
        more = f" and {len(ids) - 4} more" if len(ids) > 4 else ""
        label = plain(theme) if theme else "No theme yet"
        st.markdown(f":blue-badge[{label}] :gray[{len(ids)}] {names}{more}")


def pick_idea(current: Board, key: str, ideas: list[Idea], label: str = "Idea") -> Idea | None:
    """A selectbox over ``ideas`` (one at a time, however many there are)."""
    if not ideas:
        return None
    by_id = {i.id: i for i in ideas}
    if st.session_state.get(key) not in by_id:
        st.session_state.pop(key, None)
    ranks = {r.idea_id: r.rank for r in current.ranking()}
    chosen = st.selectbox(label, list(by_id), key=key, format_func=lambda i: (
        f"#{ranks[i]} " if i in ranks else "") + short(by_id[i].text, 80))
    return by_id.get(chosen)


def idea_badges(idea: Idea, board: Board) -> str:
    score = next((r.score for r in board.ranking() if r.idea_id == idea.id), None)
    parts = [f":blue-badge[{plain(idea.theme)}]" if idea.theme else "",
             f":orange-badge[:material/star: {score:.2f}]" if score is not None else
             ":gray-badge[Not scored]",
             f":violet-badge[:material/radio_button_checked: {idea.votes} dots]",
             ":green-badge[:material/style: Card created]" if idea.promoted else ""]
    return " ".join(p for p in parts if p)


def vote(action, workshop_id: int, idea_id: int, done: str) -> None:
    """Vote as whoever is in the Voter box now (read here: it may have just been typed)."""
    feedback.run(action, workshop_id, idea_id, st.session_state.get("brainstorm_voter", ""),
                 done=done)


def vote_panel(workshop_id: int, current: Board, idea: Idea) -> None:
    """Converge: who is voting, their dots left, and a dot added to or taken from ``idea``."""
    state = st.session_state
    voters = list(ranking.voter_totals(current.votes))
    st.text_input("Voter", key="brainstorm_voter", max_chars=brainstorm.NAME_MAX,
                  placeholder="A name, or use the button below")
    st.button("Next anonymous voter", icon=":material/person:", key="brainstorm_anon",
              on_click=state.__setitem__, args=("brainstorm_voter", ranking.next_anonymous(voters)))
    voter = state.get("brainstorm_voter", "")
    budget = current.brainstorm.dots_per_voter
    if voter.strip():
        left = ranking.remaining_dots(current.votes, voter, budget)
        st.markdown(f"**{plain(voter)}**: {left} of {budget} dots left")
    add, back = st.columns(2)
    add.button("Add a dot", type="primary", icon=":material/add_circle:", key="brainstorm_vote",
               width="stretch", on_click=vote,
               args=(cast_vote, workshop_id, idea.id, "Dot placed"))
    back.button("Take a dot back", icon=":material/remove_circle:", key="brainstorm_unvote",
                width="stretch", on_click=vote,
                args=(take_back_vote, workshop_id, idea.id, "Dot taken back"))
    totals = ranking.voter_totals(current.votes)
    if totals:
        st.caption(" · ".join(f"{plain(n)} {d}/{budget}" for n, d in totals.items()))


def voting_settings(workshop_id: int, item: Brainstorm) -> None:
    """Dots per voter and the weight of each scoring criterion, saved as they change."""
    with st.expander("Voting and scoring settings", icon=":material/tune:"):
        cols = st.columns(4)
        with cols[0]:
            feedback.bound(st.number_input, "Dots per voter", f"brainstorm_dots_{item.id}",
                           item.dots_per_voter, brainstorm.set_dots_per_voter, workshop_id,
                           item.id, min_value=1, max_value=20, step=1)
        for col, name, weight in zip(cols[1:], ranking.CRITERIA, item.weights):
            with col:
                feedback.bound(st.number_input, f"Weight: {ranking.CRITERION_LABELS[name]}",
                               f"brainstorm_weight_{item.id}_{name}", float(weight),
                               brainstorm.set_weight, workshop_id, item.id, name,
                               min_value=0.0, max_value=float(brainstorm.WEIGHT_MAX), step=0.5)
