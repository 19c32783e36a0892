#!/usr/bin/env python3
"""Portfolio against target-CPA rules at equal spend, in the closed loop: the figures of Docs/portfolio.md
("Twelve seeds after the conversion-lag fix") from one command.

For each seed, the rule-based job runs at nine target CPAs and the portfolio job at seven daily budgets, on the
same market, seed and days (closed-loop-equal-spend-rules.yaml: 2,000 generated keywords, GSP, 28 warm-up and 30
counted days). Each portfolio point is set against the rules' curve at the spend it realised (piecewise linear
between the two targets around it; points outside the rules' range are left out), and the script prints every
point and the mean gain per market.

    Simulations/compare-portfolio-to-rules.py                       # all three markets, seeds 1-3
    Simulations/compare-portfolio-to-rules.py --markets demo --seeds 1-12
    GAVEL=.build/release/gavel Simulations/compare-portfolio-to-rules.py --markets varied
    Simulations/compare-portfolio-to-rules.py --bid-simulator       # the portfolio bids on the platform's simulator
    Simulations/compare-portfolio-to-rules.py --bid-simulator-reach 20   # ... replaying 1/20 x to 20 x each bid
    Simulations/compare-portfolio-to-rules.py --all-keywords-free --bid-simulator-reach 20 --markets varied

Markets: `demo` (the demo market: little headroom), `one-shape` (rivals bid each keyword's value at a €25 target),
`varied` (the same rivals, keywords differing in auction shape: an oracle gains +6 %) and `varied-capped` (the
same with every keyword's searches capped at 200 a day, so the spend spreads over many keywords; its spends are
lower, so pass smaller `--budgets`). Each run of `gavel
simulate` takes 5-20 s here; the grid points of a run go in parallel.
"""
import argparse, csv, os, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MARKETS = {
    'demo': '',
    'one-shape': 'rival_bids: {target_cpa: 25}',
    'varied': 'auction_shapes: varied, rival_bids: {target_cpa: 25}',
    # The varied market without its head: one keyword there takes three quarters of the rules' spend.
    'varied-capped': 'auction_shapes: varied, rival_bids: {target_cpa: 25}, max_daily_searches: 200',
}
TARGETS = [12, 14, 16, 18, 20, 22, 25, 28, 32]
BUDGETS = [500, 700, 900, 1100, 1300, 1500, 1700]


def seeds(text):
    first, _, last = text.partition('-')
    return list(range(int(first), int(last or first) + 1))


def scenario(gavel, work, market, seed, strategy, grid, name, settings='', rules=None):
    """Runs one closed-loop grid and returns (cost, conversions) per grid point, in grid order."""
    text = open(os.path.join(ROOT, 'Simulations', 'closed-loop-equal-spend-rules.yaml')).read()
    options = 'min_daily_searches: 2' + (', ' + MARKETS[market] if MARKETS[market] else '')
    text = text.replace('min_daily_searches: 2}', options + '}')
    text = text.replace('seed: 1\nrepetitions', f'seed: {seed}\nrepetitions')
    text = text.replace('rules: ../Rules/demo-target-cpa.yaml\n',
                        f'rules: {rules or os.path.join(ROOT, "Rules", "demo-target-cpa.yaml")}\n{strategy}')
    text = text.split('grid:')[0] + settings + 'grid:\n' + grid + '\n'
    path = os.path.join(work, name + '.yaml')
    with open(path, 'w') as file:
        file.write(text)
    subprocess.run([gavel, 'simulate', path, '--out', work, '--quiet'], check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(work, name + '.csv')) as file:
        return [(float(row['cost']), float(row['conversions'])) for row in csv.DictReader(file)]


def at_spend(curve, cost):
    """The rules' conversions at `cost`, between the two targets whose spends bracket it."""
    curve = sorted(curve)
    for (c0, v0), (c1, v1) in zip(curve, curve[1:]):
        if c0 <= cost <= c1:
            return v0 + (v1 - v0) * (cost - c0) / (c1 - c0) if c1 > c0 else v0
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--markets', default='demo,one-shape,varied', help='comma-separated: ' + ', '.join(MARKETS))
    parser.add_argument('--seeds', default='1-3', help='a seed or a range, e.g. 1-12')
    parser.add_argument('--budgets', default=','.join(map(str, BUDGETS)),
                        help='the portfolio\'s daily budgets, comma-separated (default: %(default)s)')
    parser.add_argument('--bid-simulator', action='store_true',
                        help="the portfolio bids on the platform's bid simulator (bid_simulator: true)")
    parser.add_argument('--bid-simulator-reach', type=float, metavar='R',
                        help='the simulator replays from 1/R x to R x each bid (default: 1/2 x to 3 x)')
    parser.add_argument('--all-keywords-free', action='store_true',
                        help='both jobs may move every keyword: min_clicks 0 and force (no portfolio stop)')
    arguments = parser.parse_args()
    gavel = os.environ.get('GAVEL', os.path.join(ROOT, '.build', 'release', 'gavel'))
    if not os.access(gavel, os.X_OK):
        sys.exit(f'{gavel} is missing: swift build -c release --product gavel (or set GAVEL)')
    markets = arguments.markets.split(',')
    budgets = [int(budget) for budget in arguments.budgets.split(',')]
    unknown = [market for market in markets if market not in MARKETS]
    if unknown:
        sys.exit(f'unknown market {unknown[0]}: choose from {", ".join(MARKETS)}')
    simulator = 'bid_simulator: true\n' if arguments.bid_simulator or arguments.bid_simulator_reach else ''
    if arguments.bid_simulator_reach:
        simulator += f'bid_simulator_reach: {arguments.bid_simulator_reach}\n'
    with tempfile.TemporaryDirectory() as work:
        rules, both = None, ''
        if arguments.all_keywords_free:
            # The demo rule file holds keywords under 20 clicks at their bids (1,840 of 2,000 on the varied market's
            # first night), and its portfolio stop then refuses every night of both jobs.
            rules = os.path.join(work, 'all-free.yaml')
            text = open(os.path.join(ROOT, 'Rules', 'demo-target-cpa.yaml')).read()
            with open(rules, 'w') as file:
                file.write(text.replace('  min_clicks: 20\n', '  min_clicks: 0\n'))
            both = 'force: true\n'
        for market in markets:
            gains = []
            for seed in seeds(arguments.seeds):
                rules_curve = scenario(gavel, work, market, seed, '', f'  target_cpa: {TARGETS}', f'rules-{seed}',
                                       both, rules)
                portfolio = scenario(gavel, work, market, seed, f'  portfolio: {{budget: {budgets[0]}}}\n',
                                     f'  budget: {budgets}', f'portfolio-{seed}', both + simulator, rules)
                print(f'{market} seed {seed} rules: ' + ', '.join(
                    f'€{target} → €{cost / 30:.0f}/day, {conversions:.0f} conv.'
                    for target, (cost, conversions) in zip(TARGETS, rules_curve)), flush=True)
                for budget, (cost, conversions) in zip(budgets, portfolio):
                    reference = at_spend(rules_curve, cost)
                    gain = '' if reference is None else f', {(conversions / reference - 1) * 100:+.2f} %'
                    if reference is not None:
                        gains.append(conversions / reference - 1)
                    print(f'  budget €{budget}/day: spent €{cost / 30:.0f}/day ({cost / 30 / budget * 100:.0f} %),'
                          f' {conversions:.0f} conv.; rules at that spend '
                          f'{"out of range" if reference is None else f"{reference:.0f}"}{gain}', flush=True)
            if gains:
                print(f'{market}: mean {sum(gains) / len(gains) * 100:+.2f} % over {len(gains)} points '
                      f'(min {min(gains) * 100:+.2f}, max {max(gains) * 100:+.2f})', flush=True)


if __name__ == '__main__':
    main()
