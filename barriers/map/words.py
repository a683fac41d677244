"""The map page's own words, in Dutch (the default) and English; model text stays as written."""

from __future__ import annotations

LANGUAGES: tuple[str, ...] = ("nl", "en")

# key -> (Dutch, English)
WORDS: dict[str, tuple[str, str]] = {
    "page_title": ("Barrièrekaart", "Barrier map"),
    "skip_to_text": ("Naar de tekstversie van de kaart", "Skip to the text version of the map"),
    "variant": ("Variant", "Variant"),
    "variant_of": ("Variant van", "Variant of"),
    "compared_with": ("Vergeleken met", "Compared with"),
    "tools": ("Kaartbediening", "Map controls"),
    "search": ("Zoeken", "Search"),
    "search_placeholder": ("naam of id", "name or id"),
    "search_results": ("Zoekresultaten", "Search results"),
    "no_results": ("Niets gevonden", "Nothing found"),
    "results_count": ("resultaten", "results"),
    "filter_partner": ("Partner", "Partner"),
    "filter_phase": ("Fase", "Phase"),
    "filter_type": ("Type barrière", "Barrier type"),
    "all": ("Alle", "All"),
    "no_type": ("(zonder type)", "(no type)"),
    "reset": ("Alles tonen", "Show all"),
    "whatif": ("Wat als deze partner uitvalt?", "What if this partner drops out?"),
    "whatif_pick": ("Wat als deze partners uitvallen?", "What if these partners drop out?"),
    "whatif_choose": ("Partners kiezen", "Choose partners"),
    "whatif_remove": ("{name} weer meetellen", "Count {name} again"),
    "zoom_hint": (
        "Zoom in om de namen te lezen (+ of scrollwiel)",
        "Zoom in to read the names (+ or scroll wheel)",
    ),
    "zoom_hint_groups": (
        "Zoom in voor de namen van de barrières (+ of scrollwiel)",
        "Zoom in for the barriers' names (+ or scroll wheel)",
    ),
    "map_empty": ("Geen barrières voor deze keuze", "No barriers for this choice"),
    "fit_keeps_choice": (
        "de keuze blijft staan; «Alles tonen» wist haar",
        "the choice stays; “Show all” clears it",
    ),
    # a group chip (zoomed out: the barriers of one type in one phase) and its tooltip
    "group_shown": ("{shown} van {total}", "{shown} of {total}"),
    "group_lost": ("✕ {lost} van {total}", "✕ {lost} of {total}"),
    "group_local": ("{mark} {n} van {total}", "{mark} {n} of {total}"),
    "group_tip": (
        "{type} in {phase}: {n} (klik om ze te tonen)",
        "{type} in {phase}: {n} (click to list them)",
    ),
    "and": (" en ", " and "),
    "whatif_uncovered_many": (
        "Gevolgen als {partner} uitvallen",
        "What happens if {partner} drop out",
    ),
    "whatif_result_none": (
        "Geen fase raakt zijn laatste barrière kwijt.",
        "No phase loses its last barrier.",
    ),
    "whatif_uncovered": (
        "Gevolgen als {partner} uitvalt",
        "What happens if {partner} drops out",
    ),
    "whatif_lost": ("Barrières die vervallen", "Barriers lost"),
    "whatif_none_left": ("Fasen zonder barrière", "Phases left without a barrier"),
    "present": ("Presenteren", "Present"),
    "present_title": ("Presentatie", "Presentation"),
    "present_step": ("Fase {n} van {total}", "Phase {n} of {total}"),
    "previous": ("Vorige fase", "Previous phase"),
    "next": ("Volgende fase", "Next phase"),
    "exit": ("Stoppen", "Exit"),
    "present_keys": (
        "←/→ of PageUp/PageDown: vorige/volgende dia · ↑/↓: scrollen · K: hele fasekaart · "
        "Home/End: eerste/laatste · Esc: stoppen",
        "←/→ or PageUp/PageDown: previous/next slide · ↑/↓: scroll · K: full phase card · "
        "Home/End: first/last · Esc: exit",
    ),
    "export_png": ("PNG van dit beeld", "PNG of this view"),
    "export_whole": ("Hele kaart als PNG (print)", "Whole map as PNG (print)"),
    "text_lang_note": (
        "De tekst uit het model staat in de taal van het model ({lang}), zoals geschreven.",
        "Text from the model is in the model's language ({lang}), as written.",
    ),
    # the same, when the model's vocabulary gives some of its types or sectors in the page's
    "text_lang_note_terms": (
        "De tekst uit het model staat in de taal van het model ({lang}), zoals geschreven, "
        "behalve de typen en sectoren die het model vertaalt.",
        "Text from the model is in the model's language ({lang}), as written, except the "
        "barrier types and sectors the model translates.",
    ),
    "fit": ("Hele kaart", "Whole map"),
    "map_view": ("Kaartweergave", "Map view"),
    "show_links": ("Alle partnerlijnen tonen", "Show all partner links"),
    "links_hint": (
        "Lijnen van partners naar hun barrières verschijnen bij wat je kiest.",
        "Links from partners to their barriers appear for what you choose.",
    ),
    "zoom_in": ("Inzoomen", "Zoom in"),
    "zoom_out": ("Uitzoomen", "Zoom out"),
    "map": ("Kaart", "Map"),
    "map_label": (
        "Barrièrekaart: fasen als kolommen, barrières onder hun fase, partners onderaan. "
        "Met het toetsenbord: zoek een onderdeel of gebruik de tekstversie; pijltjes "
        "verschuiven, + en - zoomen.",
        "Barrier map: phases as columns, barriers under their phase, partners at the bottom. "
        "By keyboard: search for an item or use the text version; arrow keys pan, + and - zoom.",
    ),
    "legend": ("Legenda", "Legend"),
    "legend_phase": ("Fase (stap van het proces)", "Phase (step of the process)"),
    "legend_partner": ("Partner", "Partner"),
    "legend_intervention": ("Barrière, met haar type", "Barrier, with its type"),
    "legend_uncovered": ("⚠ fase zonder barrière", "⚠ phase without a barrier"),
    "legend_single": (
        "! fase met barrières van één partner",
        "! phase whose barriers come from one partner",
    ),
    "legend_lost": ("✕ vervalt als de partner uitvalt", "✕ lost if the partner drops out"),
    "legend_link": (
        "Lijn: partner draagt de barrière (bij een gekozen partner, barrière, fase of filter)",
        "Line: the partner carries the barrier (for a chosen partner, barrier, phase or filter)",
    ),
    "legend_added": ("+ nieuw in deze variant", "+ added by this variant"),
    "legend_changed": ("± gewijzigd in deze variant", "± changed by this variant"),
    "legend_removed": ("− verwijderd in deze variant", "− removed by this variant"),
    "details": ("Details", "Details"),
    "details_hint": (
        "Kies een onderdeel op de kaart, in de zoekresultaten of in de tekstversie.",
        "Choose an item on the map, in the search results or in the text version.",
    ),
    "close": ("Sluiten", "Close"),
    "focus_neighbours": ("Alleen dit en zijn buren", "Only this and its neighbours"),
    "focus_clear": ("Hele kaart weer tonen", "Show the whole map again"),
    "show_on_map": ("Toon op de kaart", "Show on the map"),
    "kind_phase": ("Fase", "Phase"),
    "kind_partner": ("Partner", "Partner"),
    "kind_intervention": ("Barrière", "Barrier"),
    "description": ("Beschrijving", "Description"),
    "signals_victim": ("Signalen bij slachtoffers", "Signals of victims"),
    "signals_offender": ("Signalen bij daders", "Signals of offenders"),
    "signals_other": ("Overige signalen", "Other signals"),
    "opportunities": ("Gelegenheden", "Opportunities"),
    "facilitators_knowing": ("Bewust betrokken", "Knowingly involved"),
    "facilitators_unknowing": ("Onbewust betrokken", "Unknowingly involved"),
    "facilitators_both": ("Bewust of onbewust betrokken", "Knowingly or unknowingly involved"),
    "facilitators_unspecified": ("Betrokken partijen", "Involved parties"),
    "partners": ("Partners", "Partners"),
    "barriers": ("Barrières", "Barriers"),
    "phases": ("Fasen", "Phases"),
    "legal_basis": ("Grondslag", "Legal basis"),
    "status": ("Status", "Status"),
    "technique": ("Techniek (situationele preventie)", "Technique (situational prevention)"),
    "target_group": ("Doelgroep", "Target group"),
    "type": ("Type", "Type"),
    "sector": ("Sector", "Sector"),
    "website": ("Website", "Website"),
    "sources": ("Bronnen", "Sources"),
    "what_it_does": ("Wat deze partner doet", "What this partner does"),
    "none": ("(geen)", "(none)"),
    "notes": ("Notities", "Notes"),
    "views": ("Weergaven", "Views"),
    "tab_map": ("Kaart", "Map"),
    "tab_matrix": ("Wie kan waar iets doen", "Who can act where"),
    "matrix_caption": (
        "Aantal barrières van elke partner in elke fase. Kies een getal voor de barrières; "
        "kies een kop om te sorteren; pijltjes bewegen door de tabel.",
        "Number of barriers of each partner in each phase. Choose a number for the barriers; "
        "choose a heading to sort; arrow keys move through the table.",
    ),
    "col_partner": ("Partner", "Partner"),
    "col_total": ("Totaal", "Total"),
    "cell_label": ("{partner} in {phase}: {n}", "{partner} in {phase}: {n}"),
    "in_phases": ("◆ in {n} fasen", "◆ in {n} phases"),
    "sector_none": ("Zonder sector", "No sector"),
    "item_id": ("Id", "Id"),
    "copy_id": ("Kopieer id", "Copy id"),
    "copied": ("Gekopieerd", "Copied"),
    "present_overview": ("Overzicht van het proces", "Overview of the process"),
    "slide_of": ("Dia {n} van {total}", "Slide {n} of {total}"),
    "full_card": ("Hele fasekaart", "Full phase card"),
    "short_card": ("Dia", "Slide"),
    "present_more": (
        "+ {n} meer: hele fasekaart (K)",
        "+ {n} more: full phase card (K)",
    ),
    "present_names": (
        "per sector; de namen: hele fasekaart (K)",
        "by sector; the names: full phase card (K)",
    ),
    "partners_side": ("Partners", "Partners"),
    "partners_side_hint": (
        "Wijs een partner aan om zijn barrières op de kaart te zien.",
        "Point at a partner to see its barriers on the map.",
    ),
    "whatif_weakened": ("Fasen die barrières verliezen", "Phases that lose barriers"),
    "whatif_single": (
        "Fasen die op één partner komen te rusten",
        "Phases left resting on one partner",
    ),
    "whatif_several": ("Wat als deze partners uitvallen?", "What if these partners drop out?"),
    "whatif_names": ("Uitvallers", "Dropping out"),
    "selected": ("Gekozen", "Selected"),
    "count_barriers": ("barrières", "barriers"),
    "count_barrier": ("barrière", "barrier"),
    "count_partners": ("partners", "partners"),
    "count_partner": ("partner", "partner"),
    "uncovered": ("geen barrière", "no barrier"),
    "single_partner": ("één partner", "one partner"),
    "covered": ("gedekt", "covered"),
    "idle_partner": ("geen barrière", "no barrier"),
    "mark_added": ("nieuw in deze variant", "added by this variant"),
    "mark_changed": ("gewijzigd in deze variant", "changed by this variant"),
    "mark_removed": ("verwijderd in deze variant", "removed by this variant"),
    "ghost": ("verwijderd", "removed"),  # on a ghost node, under its name
    "in_base": ("In de basis", "In the base"),
    "changed_fields": ("Gewijzigd", "Changed"),
    "text_version": (
        "Tekstversie: dekking en fasekaarten",
        "Text version: coverage and phase cards",
    ),
    "coverage": ("Dekking per fase", "Coverage per phase"),
    "coverage_caption": (
        "Aantal barrières en partners per fase, in procesvolgorde",
        "Number of barriers and partners per phase, in process order",
    ),
    "col_phase": ("Fase", "Phase"),
    "col_barriers": ("Barrières", "Barriers"),
    "col_partners": ("Partners", "Partners"),
    "col_state": ("Dekking", "Coverage"),
    "idle_partners": ("Partners zonder barrière", "Partners without a barrier"),
    "phase_cards": ("Fasekaarten", "Phase cards"),
    "phase_n": ("Fase {n}", "Phase {n}"),
    "follows": ("Volgt op", "Follows"),
    "leads_to": ("Leidt naar", "Leads to"),
    "comparison": ("Vergelijking met de basis", "Comparison with the base"),
    "added": ("Toegevoegd", "Added"),
    "changed": ("Gewijzigd", "Changed"),
    "removed": ("Verwijderd", "Removed"),
    "nothing": ("niets", "nothing"),
    "all_partners": ("Alle partners", "All partners"),
    "made_with": (
        "Gemaakt met barriers; de modeltekst staat zoals geschreven.",
        "Made with barriers; model text as written.",
    ),
    "filter_status": (
        "{shown} van {total} barrières zichtbaar",
        "{shown} of {total} barriers shown",
    ),
}


def words(lang: str) -> dict[str, str]:
    """Every UI word in ``lang`` (``nl`` or ``en``)."""
    index = LANGUAGES.index(lang)
    return {key: pair[index] for key, pair in WORDS.items()}
