using System.Collections.Immutable;
using ArticlePipeline.Core.Model;

namespace ArticlePipeline.Core.Editions;

/// <summary>
/// Aligns an article's body blocks with a human translation's without forcing one paragraph onto one paragraph:
/// translators merge, split and drop paragraphs, so the blocks are kept as they are and the alignment records what
/// matches what. Pure.
/// </summary>
/// <remarks>
/// <para>
/// A monotonic dynamic-programming alignment in the style of Gale and Church (1993) over beads 1-1, 2-1, 1-2, 1-0 and
/// 0-1. A bead costs the negative log of its prior (1-1 is by far the most common; merges, drops and additions are
/// equally rare) plus the negative log of the probability of its length difference, measured against the length ratio
/// of the two languages with a variance wide enough for unrelated languages (<see cref="LengthVariance"/> per
/// character), plus the distance of its relative
/// positions in the two texts, minus a bonus for the numbers and Latin-script names both sides share (the tokens of
/// <see cref="EditionCheck"/>; shared tokens lower the cost, tokens on one side only raise it). The language ratio is
/// the median ratio of block pairs anchored by a large number found in exactly one block on each side, and the ratio of
/// the whole texts only when fewer than two such anchors exist: a summary edition is half as long as its article, and
/// against the whole texts' ratio merging every two paragraphs would look right.
/// </para>
/// <para>
/// Work is bounded: up to <see cref="FullAlignmentBlocks"/> blocks on each side every cell is considered; beyond it
/// only a band around the diagonal (<see cref="BandHalfWidth"/> blocks each way, narrowed so the band holds at most
/// about <see cref="BandCellBudget"/> cells), so a hostile page with thousands of blocks costs linear time and memory.
/// </para>
/// <para>
/// Title and lead are not aligned here (title pairs with title, lead with lead). Every block of either side appears in
/// exactly one bead; a block with no counterpart is listed with an empty other side and confidence 0.
/// </para>
/// </remarks>
public static class EditionAligner
{
    /// <summary>Up to this many blocks on both sides the whole table is computed; beyond, a band around the diagonal.</summary>
    public const int FullAlignmentBlocks = 400;

    /// <summary>The band's half-width, in blocks, when a side has more than <see cref="FullAlignmentBlocks"/> blocks.</summary>
    public const int BandHalfWidth = 50;

    /// <summary>About how many cells the band may hold; the half-width narrows (to 3 at least) to stay within it.</summary>
    public const int BandCellBudget = 1_000_000;

    /// <summary>Variance of the edition's length per source character (Gale and Church used 6.8 for related European languages).</summary>
    public const double LengthVariance = 20;

    // Bead priors. Gale and Church found 1-0 and 0-1 ten times rarer than merges in parliamentary proceedings; a
    // publisher's edition drops paragraphs (a summary) and adds its own (a translator's note, a source line) about as
    // often as it merges them, so here every other bead is as likely as a merge, and 1-1 takes the rest.
    private static readonly double OneToOneCost = -Math.Log(0.88);
    private static readonly double MergeCost = -Math.Log(0.03);
    private static readonly double SkipCost = -Math.Log(0.03);

    private const double PositionWeight = 2;
    private const double TokenWeight = 3;
    private const double MinLengthProbability = 1e-12;
    private const int MinAnchors = 2;
    private const int MaxAnchors = 200;

    private enum Bead : byte
    {
        None,
        OneOne,
        TwoOne,
        OneTwo,
        OneZero,
        ZeroOne,
    }

    /// <summary>Aligns the body blocks of <paramref name="source"/> with those of <paramref name="edition"/>.</summary>
    /// <param name="source">The original article.</param>
    /// <param name="edition">Its translation (already accepted by <see cref="EditionCheck"/>).</param>
    /// <returns>Beads in reading order; together they list every source block and every edition block exactly once.</returns>
    public static ImmutableArray<BlockAlignment> Align(LanguageContent source, LanguageContent edition)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(edition);

        ImmutableArray<ContentBlock> sourceBlocks = source.Blocks.IsDefault ? [] : source.Blocks;
        ImmutableArray<ContentBlock> editionBlocks = edition.Blocks.IsDefault ? [] : edition.Blocks;
        int n = sourceBlocks.Length;
        int m = editionBlocks.Length;
        bool latinSource = EditionTokens.IsMostlyLatin(sourceBlocks.Select(b => b.Text ?? string.Empty));
        bool latinEdition = EditionTokens.IsMostlyLatin(editionBlocks.Select(b => b.Text ?? string.Empty));
        TextProfile[] src = [.. sourceBlocks.Select(b => TextProfile.Of([b.Text ?? string.Empty], latinSource))];
        TextProfile[] ed = [.. editionBlocks.Select(b => TextProfile.Of([b.Text ?? string.Empty], latinEdition))];
        var table = new AlignmentTable(src, ed);

        var beads = new List<BlockAlignment>(Math.Max(n, m));
        int i = n;
        int j = m;
        Bead[][] back = table.Solve();
        while (i > 0 || j > 0)
        {
            Bead bead = back[i][j - table.Low(i)];
            (int di, int dj) = Steps(bead);
            i -= di;
            j -= dj;
            // Three decimals: what a reader can use, and records stay readable.
            double confidence = di == 0 || dj == 0 ? 0 : Math.Round(table.Confidence(i, di, j, dj), 3);
            beads.Add(new BlockAlignment([.. Enumerable.Range(i, di)], [.. Enumerable.Range(j, dj)], confidence));
        }

        beads.Reverse();
        return [.. beads];
    }

    private static (int SourceCount, int EditionCount) Steps(Bead bead) => bead switch
    {
        Bead.OneOne => (1, 1),
        Bead.TwoOne => (2, 1),
        Bead.OneTwo => (1, 2),
        Bead.OneZero => (1, 0),
        Bead.ZeroOne => (0, 1),
        _ => throw new InvalidOperationException("The alignment table has no path to this cell."),
    };

    /// <summary>The cost table of one alignment, banded when either side is long.</summary>
    private sealed class AlignmentTable
    {
        private static readonly Bead[] Moves = [Bead.OneOne, Bead.OneZero, Bead.ZeroOne, Bead.TwoOne, Bead.OneTwo];

        private readonly TextProfile[] _source;
        private readonly TextProfile[] _edition;
        private readonly TextProfile?[] _sourcePairs;
        private readonly TextProfile?[] _editionPairs;
        private readonly int[] _low;
        private readonly int[] _high;
        private readonly double _ratio;

        public AlignmentTable(TextProfile[] source, TextProfile[] edition)
        {
            _source = source;
            _edition = edition;
            int n = source.Length;
            int m = edition.Length;
            _sourcePairs = new TextProfile?[n];
            _editionPairs = new TextProfile?[m];
            long sourceCharacters = source.Sum(p => (long)p.Characters);
            long editionCharacters = edition.Sum(p => (long)p.Characters);
            _ratio = AnchoredRatio(source, edition)
                ?? (sourceCharacters > 0 && editionCharacters > 0 ? editionCharacters / (double)sourceCharacters : 1);

            _low = new int[n + 1];
            _high = new int[n + 1];
            if (n <= FullAlignmentBlocks && m <= FullAlignmentBlocks || n == 0 || m == 0)
            {
                Array.Fill(_high, m);
                return;
            }

            // Row i keeps the columns around the diagonal point i·m/n; the half-width also covers the diagonal's
            // slope, so consecutive rows overlap and the band always holds a path from (0, 0) to (n, m).
            int longer = Math.Max(n, m);
            int halfWidth = Math.Clamp(BandCellBudget / (2 * longer), 3, BandHalfWidth);
            int reach = halfWidth + (int)Math.Ceiling(m / (double)n);
            for (int i = 0; i <= n; i++)
            {
                int centre = (int)((long)i * m / n);
                _low[i] = Math.Max(0, centre - reach);
                _high[i] = Math.Min(m, centre + reach);
            }
        }

        public int Low(int i) => _low[i];

        /// <summary>Fills the table and returns, per cell, the bead that reaches it most cheaply.</summary>
        public Bead[][] Solve()
        {
            int n = _source.Length;
            var cost = new double[n + 1][];
            var back = new Bead[n + 1][];
            for (int i = 0; i <= n; i++)
            {
                cost[i] = new double[_high[i] - _low[i] + 1];
                back[i] = new Bead[cost[i].Length];
                Array.Fill(cost[i], double.PositiveInfinity);
                for (int j = _low[i]; j <= _high[i]; j++)
                {
                    if (i == 0 && j == 0)
                    {
                        cost[0][0] = 0;
                        continue;
                    }

                    foreach (Bead move in Moves)
                    {
                        (int di, int dj) = Steps(move);
                        if (i < di || j < dj)
                        {
                            continue;
                        }

                        int pi = i - di;
                        int pj = j - dj;
                        if (pj < _low[pi] || pj > _high[pi] || double.IsPositiveInfinity(cost[pi][pj - _low[pi]]))
                        {
                            continue;
                        }

                        double total = cost[pi][pj - _low[pi]] + BeadCost(pi, di, pj, dj);
                        if (total < cost[i][j - _low[i]])
                        {
                            cost[i][j - _low[i]] = total;
                            back[i][j - _low[i]] = move;
                        }
                    }
                }
            }

            return back;
        }

        /// <summary>How well source blocks [i, i+di) match edition blocks [j, j+dj), in [0, 1].</summary>
        public double Confidence(int i, int di, int j, int dj)
        {
            TextProfile s = Profile(_source, _sourcePairs, i, di);
            TextProfile e = Profile(_edition, _editionPairs, j, dj);
            double delta = LengthDelta(s, e);
            double lengthAgreement = Math.Exp(-delta * delta / 8);
            double? tokens = TokenAgreement(s, e);
            double score = tokens is { } t ? (0.5 * lengthAgreement) + (0.5 * t) : 0.8 * lengthAgreement;
            double beadFactor = di == 1 && dj == 1 ? 1 : 0.9;
            return Math.Clamp(score * beadFactor * (1 - PositionGap(i, di, j, dj)), 0, 1);
        }

        private double BeadCost(int i, int di, int j, int dj)
        {
            if (di == 0 || dj == 0)
            {
                return SkipCost + (PositionWeight * PositionGap(i, di, j, dj));
            }

            TextProfile s = Profile(_source, _sourcePairs, i, di);
            TextProfile e = Profile(_edition, _editionPairs, j, dj);
            double delta = Math.Abs(LengthDelta(s, e));
            double probability = Math.Max(MinLengthProbability, 2 * (1 - NormalCdf(delta)));
            double cost = (di == 1 && dj == 1 ? OneToOneCost : MergeCost) - Math.Log(probability) + (PositionWeight * PositionGap(i, di, j, dj));
            if (TokenAgreement(s, e) is { } agreement)
            {
                cost += TokenWeight * (0.5 - agreement);
            }

            return cost;
        }

        private static TextProfile Profile(TextProfile[] blocks, TextProfile?[] pairs, int start, int count) =>
            count == 1 ? blocks[start] : pairs[start] ??= TextProfile.Join(blocks[start], blocks[start + 1]);

        // The languages' length ratio, from blocks that certainly match: a strong number (EditionTokens.NumberWeight
        // 1) found in exactly one block on each side anchors that pair, and the median of the anchored pairs' ratios
        // is the ratio. The ratio of the whole texts is wrong exactly when alignment is hard: a summary that keeps half
        // the paragraphs has half the length, and against that ratio merging every two paragraphs looks right.
        private static double? AnchoredRatio(TextProfile[] source, TextProfile[] edition)
        {
            Dictionary<string, int> sourceBlocks = UniqueStrongNumbers(source);
            Dictionary<string, int> editionBlocks = UniqueStrongNumbers(edition);
            var links = new List<(int Source, int Edition)>();
            foreach ((string number, int i) in sourceBlocks)
            {
                // A few hundred anchors say all there is to say about the ratio, and keep the grouping below cheap.
                if (links.Count == MaxAnchors)
                {
                    break;
                }

                if (i >= 0 && editionBlocks.TryGetValue(number, out int j) && j >= 0 && !links.Contains((i, j)))
                {
                    links.Add((i, j));
                }
            }

            // Anchored blocks that share a counterpart are one group: two source paragraphs whose numbers all land in
            // one edition paragraph were merged by the translator, and only their sum has the languages' ratio.
            var ratios = new List<double>();
            var done = new HashSet<int>();
            for (int start = 0; start < links.Count; start++)
            {
                if (!done.Add(start))
                {
                    continue;
                }

                var sources = new HashSet<int> { links[start].Source };
                var editions = new HashSet<int> { links[start].Edition };
                for (bool grew = true; grew;)
                {
                    grew = false;
                    for (int k = 0; k < links.Count; k++)
                    {
                        if (!done.Contains(k) && (sources.Contains(links[k].Source) || editions.Contains(links[k].Edition)))
                        {
                            done.Add(k);
                            sources.Add(links[k].Source);
                            editions.Add(links[k].Edition);
                            grew = true;
                        }
                    }
                }

                long sourceCharacters = sources.Sum(i => (long)source[i].Characters);
                long editionCharacters = editions.Sum(j => (long)edition[j].Characters);
                if (sourceCharacters > 0 && editionCharacters > 0)
                {
                    ratios.Add(editionCharacters / (double)sourceCharacters);
                }
            }

            if (ratios.Count < MinAnchors)
            {
                return null;
            }

            ratios.Sort();
            return ratios.Count % 2 == 1 ? ratios[ratios.Count / 2] : (ratios[(ratios.Count / 2) - 1] + ratios[ratios.Count / 2]) / 2;
        }

        // Strong number -> the one block holding it, or -1 when several do.
        private static Dictionary<string, int> UniqueStrongNumbers(TextProfile[] blocks)
        {
            var found = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < blocks.Length; i++)
            {
                foreach (string number in blocks[i].Numbers)
                {
                    if (EditionTokens.NumberWeight(number) >= 1 && !found.TryAdd(number, i))
                    {
                        found[number] = -1;
                    }
                }
            }

            return found;
        }

        // Gale and Church's δ: how many standard deviations the edition's length is from the expected one.
        private double LengthDelta(TextProfile source, TextProfile edition)
        {
            double expected = source.Characters * _ratio;
            return (edition.Characters - expected) / Math.Sqrt(Math.Max(source.Characters, 1) * LengthVariance);
        }

        // Distance between the two segments' midpoints, each as a fraction of its text, in [0, 1].
        private double PositionGap(int i, int di, int j, int dj)
        {
            double sourceMiddle = _source.Length == 0 ? 0.5 : (i + (di / 2.0)) / _source.Length;
            double editionMiddle = _edition.Length == 0 ? 0.5 : (j + (dj / 2.0)) / _edition.Length;
            return Math.Min(1, Math.Abs(sourceMiddle - editionMiddle));
        }

        // Weighted Jaccard of the numbers plus the edition's names found among the source's words; null when neither
        // side has a number or a name, so a block without tokens is judged by length and position alone.
        private static double? TokenAgreement(TextProfile source, TextProfile edition)
        {
            double sharedNumbers = edition.SharedNumberWeight(source, out _);
            double union = EditionTokens.Weight(source.Numbers) + EditionTokens.Weight(edition.Numbers) - sharedNumbers + edition.Names.Count;
            return union > 0 ? (sharedNumbers + edition.NamesFoundIn(source)) / union : null;
        }

        // Abramowitz and Stegun 7.1.26: the standard normal CDF to about 1e-7, enough for a cost.
        private static double NormalCdf(double x)
        {
            double z = Math.Abs(x) / Math.Sqrt(2);
            double t = 1 / (1 + (0.3275911 * z));
            double erf = 1 - ((((((1.061405429 * t) - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-z * z);
            return 0.5 * (1 + (x < 0 ? -erf : erf));
        }
    }
}
