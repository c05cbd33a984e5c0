"""Experience design cards: "We believe ..." sentences, rated, ranked and plotted."""
import streamlit as st

from cxcore import cards, participation
from cxui import card_views, chrome, confirm, edit_mode, feedback, room_views
from cxui.text import plain

KEY = "design_cards"
conn, workshop = chrome.begin_step(KEY)
SELECTED = "cards_selected"
editing = edit_mode.editing(KEY)

if editing:
    st.expander("How this step works", icon=":material/help:").markdown(
        "Turn the strongest ideas into design cards the group can test. Each card is one "
        "sentence in four parts: **We believe** (the new experience) **will solve** (what the "
        "customer needs and what the organisation gains or fixes), **enabled by** (everything "
        "it takes to deliver it), **resulting in** (the change in attitude, behaviour or "
        "numbers you expect). Until all four parts are written the card is a draft.\n\n"
        "Rate each card 1-5 for customer value and business value; the matrix shows where "
        "to start. Mark a card *validated* once evidence backs it and *business case* when "
        "it is ready to be funded. Ideas that do not hold up are retired with a reason: "
        "they stay on record so nobody proposes them again unaware.")

all_cards = cards.list_cards(conn, workshop.id)
by_id = {card.id: card for card in all_cards}
room_says = participation.card_spreads(conn, workshop.id)  # the room's published ratings


def select(card_id: int | None) -> None:
    if card_id is not None:
        st.session_state[SELECTED] = card_id


def add_blank() -> None:
    select(feedback.run(cards.add_card, workshop.id, done="Blank card added"))


def add_from_idea() -> None:
    idea_id = st.session_state.get("cards_idea")
    if idea_id is not None:
        select(feedback.run(cards.create_from_idea, workshop.id, idea_id, done="Card created"))


def retire(card_id: int) -> None:
    if feedback.attempt(cards.retire, workshop.id, card_id,
                        st.session_state.get("cards_retire_reason", ""), done="Card retired")[0]:
        st.session_state["cards_retire_reason"] = ""


def new_card_bar() -> None:
    ideas = cards.promotable_ideas(conn, workshop.id)
    blank, pick, promote = st.columns([1, 3, 1], vertical_alignment="bottom")
    blank.button("Blank card", icon=":material/add:", key="cards_add_blank", width="stretch",
                 on_click=add_blank)
    choices = {idea.id: idea for idea in ideas}
    pick.selectbox("Or start from a brainstorm idea", list(choices), key="cards_idea",
                   index=None, placeholder="No ideas waiting" if not ideas else "Choose an idea",
                   format_func=lambda i: f"{choices[i].text}  ·  {choices[i].brainstorm_prompt}",
                   disabled=not ideas)
    promote.button("Make card", icon=":material/style:", key="cards_add_from_idea",
                   type="primary", width="stretch", disabled=not ideas, on_click=add_from_idea)


def card_tile(card: cards.Card) -> None:
    with st.container(border=True):
        st.markdown(f"**Card {card.number}** &nbsp; {card_views.badges(card)}")
        st.markdown(card_views.sentence_markdown(card))
        if card.is_retired:
            st.caption(f":material/block: Retired because: {plain(card.retired_reason)}")
        if card.lineage:
            st.caption(f":material/account_tree: {plain(card.lineage)}")
        if card.id in room_says:
            st.caption(f":material/groups: The room: {room_views.spread_text(room_says[card.id])}")


def editor(card: cards.Card) -> None:
    for part in cards.PARTS:
        feedback.bound(st.text_area, f"{cards.LEADS[part]} … ({cards.PROMPTS[part]})",
                       f"cards_edit_{card.id}_{part}", getattr(card, part), cards.update_part,
                       workshop.id, card.id, part, max_chars=cards.PART_MAX, height=68)
    left, right = st.columns(2)
    for column, which in zip((left, right), cards.VALUES):
        with column:
            feedback.bound(st.selectbox, cards.VALUE_LABELS[which],
                           f"cards_edit_{card.id}_{which}", getattr(card, which),
                           cards.set_value, workshop.id, card.id, which,
                           options=[None, 1, 2, 3, 4, 5],
                           format_func=lambda v: "Not rated" if v is None else f"{v} of 5")
            theirs = (room_says.get(card.id) or (None, None))[cards.VALUES.index(which)]
            if theirs:
                st.caption(f"The room's mean: {theirs.label}")
    if card.is_retired:
        st.warning(f"Retired because: {plain(card.retired_reason)}", icon=":material/block:")
        st.button("Bring back to exploring", icon=":material/undo:", key="cards_unretire",
                  on_click=feedback.run, args=(cards.set_status, workshop.id, card.id,
                                               "exploring"))
    else:
        feedback.bound(st.segmented_control, "Status", f"cards_edit_{card.id}_status",
                       card.status, cards.set_status, workshop.id, card.id,
                       options=[s for s in cards.STATUSES if s != "retired"],
                       format_func=cards.STATUS_LABELS.get, required=True)
        st.text_input("Reason to retire it", key="cards_retire_reason", max_chars=cards.REASON_MAX,
                      placeholder="e.g. Customers in the test did not value it")
        st.button("Retire card", icon=":material/block:", key="cards_retire",
                  on_click=retire, args=(card.id,))
    if card.is_draft:
        confirm.delete_button("Delete this draft", confirm.Deletion(
            workshop.id, "cards", card.id, cards.delete_draft, "Draft card deleted", (SELECTED,)),
            key="cards_delete")


def gallery_across(per_row: int = 3) -> None:
    """The room's view: the cards across the screen."""
    st.subheader(f"Cards ({len(all_cards)})", anchor=False)
    for start in range(0, len(all_cards), per_row):
        for column, card in zip(st.columns(per_row), all_cards[start:start + per_row]):
            with column:
                card_tile(card)


if editing:
    new_card_bar()
if not all_cards:
    st.info("No cards yet. Start a blank card, or make one from a brainstorm idea.",
            icon=":material/style:")
    if not editing:
        edit_mode.hint("add a card")
elif not editing:
    gallery_across()
else:
    gallery, edit = st.columns([3, 2], gap="large")
    with edit:
        st.subheader("Edit a card", anchor=False)
        if st.session_state.get(SELECTED) not in by_id:  # opens on the first card still in play
            st.session_state[SELECTED] = next((c.id for c in all_cards if not c.is_retired),
                                              all_cards[0].id)
        st.selectbox("Card", list(by_id), key=SELECTED,
                     format_func=lambda i: f"Card {by_id[i].number}: {by_id[i].headline}")
        with st.container(border=True):
            editor(by_id[st.session_state[SELECTED]])
    with gallery:
        st.subheader(f"Cards ({len(all_cards)})", anchor=False)
        for card in all_cards:
            card_tile(card)
if all_cards:
    matrix, ranking = st.columns([1, 1], gap="large")
    ranked = cards.rank(all_cards)
    with matrix:
        st.subheader("Value matrix", anchor=False)
        room_views.open_to_room(conn, workshop.id, "ratings", key="cards_room")
        if any(card.is_rated for card in all_cards):
            st.plotly_chart(card_views.value_matrix(all_cards), width="stretch",
                            config={"displayModeBar": False})
        else:
            st.caption("Rate a card on both values to place it on the matrix.")
    with ranking:
        st.subheader("Ranking", anchor=False)
        narrow = st.column_config.NumberColumn(width="small")
        st.dataframe(card_views.ranking_table(ranked), hide_index=True, width="stretch",
                     key="cards_ranking", column_config={
                         "Rank": narrow, "Card": narrow,
                         "New experience": st.column_config.TextColumn(width="large")})
        st.caption("By customer + business value (ties: customer value); drafts and retired "
                   "cards come last, in grey.")

chrome.end_step(KEY)
