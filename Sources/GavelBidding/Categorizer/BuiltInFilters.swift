extension CategorizerSettings {
    /// The text of the shipped `Rules/filters.yaml` (a test keeps them identical); ``builtIn`` parses it.
    public static let builtInYAML = """
    # Keyword filters for `gavel categorize` (format: Docs/filters.md).
    #
    # Every keyword falls in exactly one category over the window: converting, clicks_no_conversions,
    # impressions_no_clicks or no_impressions (candidates for removal). The sub-categories below are
    # layered on top, and the saved filters combine both into the lists you act on every week.
    # Percentages carry their sign (30%); write `off` to turn a check off.

    # Labels in the Google Ads Editor import: "Gavel: converting", "Gavel: wasted-spend", ...
    label_prefix: "Gavel: "

    # What efficiency is judged against. Leave a target out to use the portfolio's own average over
    # the window (total cost / conversions, revenue / cost, cost / clicks).
    targets:
      # cpa: 25.00
      # roas: 400%
      # cpc: 0.80

    high_volume:
      # The fewest keywords that bring this share of their category's conversions (converting),
      # clicks (clicks, no conversions) or impressions (impressions, no clicks): the head.
      top_share: 50%
      # Or at least this much, whatever the share (uncomment to use):
      # min_conversions: 20
      # min_clicks: 500
      # min_impressions: 20000

    inefficient:
      cpa_above: 150%     # converting keywords with CPA above 1.5 × target CPA
      cpc_above: 150%     # keywords with clicks whose average CPC is above 1.5 × target CPC
      roas_below: 70%     # converting keywords with ROAS below 0.7 × target ROAS (where revenue is tracked)

    low_quality_score:
      at_most: 4          # Google Ads and Microsoft Advertising quality score 1–10

    low_position:
      # Any measure the source reports beyond its threshold (keywords with impressions only).
      top_impression_rate_below: 30%        # Impr. (Top) %
      abs_top_impression_rate_below: 5%     # Impr. (Abs. Top) %
      average_position_above: 3             # Avg. position, where a report still has it

    # Saved filters: the expression language of the bid rules (Docs/rules.md) plus the categories and
    # sub-categories as conditions. Names become labels; the action is shown next to each list.
    saved_filters:
      - name: wasted-spend
        when: clicks_no_conversions and cost > 2 × target_cpa
        action: pause, or lower the bid 30 %
      - name: stars
        when: converting and high_volume and low_position
        action: raise the bid 15 %
      - name: expensive-converters
        when: converting and inefficient and conversions >= 3
        action: lower the bid 15 % towards target CPA
      - name: low-quality-spenders
        when: low_quality_score and cost > target_cpa
        action: fix ad relevance and landing page, or pause

    """
}
