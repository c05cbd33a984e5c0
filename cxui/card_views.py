"""Views of experience design cards: the emphasised sentence, badges, and the value matrix."""
from __future__ import annotations

import plotly.graph_objects as go

from cxcore import cards
from cxcore.cards import Card

from .text import chart_text, plain

STATUS_BADGES = {"exploring": ":blue-badge[:material/explore: Exploring]",
                 "validated": ":green-badge[:material/verified: Validated]",
                 "business_case": ":violet-badge[:material/work: Business case]",
                 "retired": ":gray-badge[:material/block: Retired]"}
TEAL, GREY = "#0d6e6e", "#adb5bd"
INK = "#212529"  # chart text in near-black: grey labels wash out on a projector


def sentence_markdown(card: Card) -> str:
    """The four-part sentence with the leads in bold and the group's words highlighted;
    a retired card's sentence is all grey."""
    pieces = []
    for part in cards.PARTS:
        value = getattr(card, part).strip().rstrip(".")
        if not value:
            shown = f":gray[*{plain(cards.PROMPTS[part])} …*]"
        elif card.is_retired:
            shown = f":gray[{plain(value)}]"
        else:
            shown = f":blue-background[{plain(value)}]"
        lead = f":gray[**{cards.LEADS[part]}**]" if card.is_retired else f"**{cards.LEADS[part]}**"
        pieces.append(f"{lead} {shown}")
    ending = "." if card.resulting_in.strip() else ""
    return f"{pieces[0]} {pieces[1]}, " + ", ".join(pieces[2:]) + ending


def badges(card: Card) -> str:
    shown = [STATUS_BADGES[card.status]]
    if card.is_draft:
        shown.append(":orange-badge[:material/edit_note: Draft]")
    for which, icon in (("customer_value", "favorite"), ("business_value", "payments")):
        value = getattr(card, which)
        shown.append(f":gray-badge[:material/{icon}: {cards.VALUE_LABELS[which].split()[0]} "
                     f"{value if value is not None else '–'}/5]")
    if card.quadrant and not card.is_retired:
        shown.append(f":green-badge[{card.quadrant}]")
    return " ".join(shown)


def value_matrix(card_list: list[Card]) -> go.Figure:
    """Business value across, customer value up; four labelled quadrants; hover for headlines."""
    points = cards.matrix_points(card_list)
    fig = go.Figure()
    for retired in (False, True):
        chosen = [p for p in points if p.retired == retired]
        if not chosen:
            continue
        fig.add_trace(go.Scatter(
            x=[p.business_value for p in chosen], y=[p.customer_value for p in chosen],
            mode="markers+text", text=[str(p.number) for p in chosen],
            textfont={"color": "white", "size": 18},
            marker={"size": 36, "color": GREY if retired else TEAL,
                    "line": {"color": "white", "width": 2}},
            customdata=[chart_text(p.headline) for p in chosen], name="Retired" if retired else "Cards",
            hovertemplate="Card %{text}: %{customdata}<br>Business %{x:.0f} · "
                          "Customer %{y:.0f}<extra></extra>"))
    line = cards.MIDPOINT - 0.5
    fig.add_hline(y=line, line_color=GREY)
    fig.add_vline(x=line, line_color=GREY)
    for (high_c, high_b), name in cards.QUADRANTS.items():
        fig.add_annotation(x=5.45 if high_b else 0.55, y=5.85 if high_c else 0.15, text=name,
                           showarrow=False, xanchor="right" if high_b else "left",
                           yanchor="top" if high_c else "bottom",
                           font={"color": TEAL, "size": 19})
    fig.add_shape(type="rect", x0=line, x1=5.5, y0=line, y1=5.9, fillcolor="#d8efea",
                  line_width=0, layer="below")
    axis = {"range": [0.5, 5.5], "tickvals": [1, 2, 3, 4, 5], "zeroline": False,
            "showgrid": False, "tickfont": {"size": 18, "color": INK}}
    title_font = {"size": 19, "color": INK}
    fig.update_layout(xaxis={**axis, "title": {"text": "Business value", "font": title_font}},
                      yaxis={**axis, "range": [0.1, 5.9],  # labels sit in the bands
                             "title": {"text": "Customer value", "font": title_font}},
                      height=460, margin={"l": 10, "r": 10, "t": 10, "b": 10},
                      showlegend=False, plot_bgcolor="#f8f9fa")
    return fig


def ranking_table(ranked: list[Card]):
    """The ranked cards as a table; drafts and retired cards in grey."""
    import pandas as pd

    rows = [{"Rank": place, "Card": card.number, "New experience": card.headline,
             "Customer": card.customer_value, "Business": card.business_value,
             "Status": cards.STATUS_LABELS[card.status] + (" (draft)" if card.is_draft else "")}
            for place, card in enumerate(ranked, start=1)]
    frame = pd.DataFrame(rows, columns=["Rank", "Card", "New experience", "Customer",
                                        "Business", "Status"])
    muted = [card.is_draft or card.is_retired for card in ranked]
    return frame.style.apply(
        lambda row: ["color: #8a929a" if muted[row.name] else ""] * len(row), axis=1)
