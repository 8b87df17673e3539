namespace ArticlePipeline.Crawling.Tests.Robots;

/// <summary>
/// Matching cases for RFC 9309, modelled on what the public google/robotstxt test suite covers (our own cases):
/// group selection, line syntax, longest match, Allow winning ties, <c>*</c> and <c>$</c>, percent-encoding.
/// </summary>
internal static class RobotsCases
{
    public static IEnumerable<TestCaseData> All()
    {
        // 2.2.1 User-agent lines and group selection.
        yield return Case("Group_NamingTheAgent_Applies", "User-agent: FooBot\nDisallow: /\n", "FooBot", "/x", false);
        yield return Case("Group_NamingAnotherAgent_DoesNotApply", "User-agent: FooBot\nDisallow: /\n", "BarBot", "/x", true);
        yield return Case("Group_AgentValue_MatchesCaseInsensitively", "User-agent: foobot\nDisallow: /\n", "FooBot", "/x", false);
        yield return Case("Group_Keys_AreCaseInsensitive", "USER-AGENT: FooBot\nALLOW: /x/\nDISALLOW: /\n", "FooBot", "/y", false);
        yield return Case("Group_Keys_AreCaseInsensitiveForAllow", "USER-AGENT: FooBot\nALLOW: /x/\nDISALLOW: /\n", "FooBot", "/x/y", true);
        yield return Case("Group_AgentWithVersion_MatchesTheProductToken", "User-agent: FooBot/2.1\nDisallow: /\n", "FooBot", "/x", false);
        yield return Case("Group_AgentValueWithSpaces_OnlyTheFirstTokenCounts", "User-agent: FOO BAR\nDisallow: /\n", "Foo", "/x", false);
        yield return Case("Group_AgentValueWithSpaces_TheSecondTokenIsNotAnAgent", "User-agent: FOO BAR\nDisallow: /\n", "Bar", "/x", true);
        yield return Case("Group_Star_AppliesWhenNoGroupNamesTheAgent", "User-agent: *\nDisallow: /\n", "FooBot", "/x", false);
        yield return Case("Group_Specific_OverridesStar", "User-agent: *\nDisallow: /\nUser-agent: FooBot\nAllow: /\n", "FooBot", "/x", true);
        yield return Case("Group_Specific_ReplacesStarEvenWhereItHasNoRule", "User-agent: FooBot\nDisallow: /private\nUser-agent: *\nDisallow: /\n", "FooBot", "/public", true);
        yield return Case("Group_Star_StillAppliesToOthers", "User-agent: FooBot\nDisallow: /private\nUser-agent: *\nDisallow: /\n", "BarBot", "/public", false);
        yield return Case("Group_NoneMatchingAndNoStar_AllowsAll", "User-agent: BarBot\nDisallow: /\n", "FooBot", "/x", true);
        yield return Case("Group_ConsecutiveAgents_ShareTheGroup_First", "User-agent: BarBot\nUser-agent: FooBot\nDisallow: /\n", "BarBot", "/x", false);
        yield return Case("Group_ConsecutiveAgents_ShareTheGroup_Second", "User-agent: BarBot\nUser-agent: FooBot\nDisallow: /\n", "FooBot", "/x", false);
        yield return Case("Group_SeveralGroupsForOneAgent_AreMerged", "User-agent: FooBot\nDisallow: /a\nUser-agent: BarBot\nDisallow: /b\nUser-agent: FooBot\nDisallow: /c\n", "FooBot", "/c", false);
        yield return Case("Group_MergedGroups_DoNotTakeOtherAgentsRules", "User-agent: FooBot\nDisallow: /a\nUser-agent: BarBot\nDisallow: /b\nUser-agent: FooBot\nDisallow: /c\n", "FooBot", "/b", true);
        yield return Case("Group_AgentAfterRules_StartsANewGroup", "User-agent: FooBot\nDisallow: /\nUser-agent: BarBot\nAllow: /\n", "BarBot", "/x", true);
        yield return Case("Group_RulesBeforeAnyAgent_AreIgnored", "Disallow: /\nUser-agent: FooBot\nAllow: /x\n", "FooBot", "/y", true);
        yield return Case("Group_SitemapLine_DoesNotEndTheAgentList", "User-agent: BarBot\nSitemap: https://baosonghau.example.vn/sitemap.xml\nUser-agent: FooBot\nDisallow: /\n", "BarBot", "/x", false);
        yield return Case("Group_UnknownLine_DoesNotEndTheAgentList", "User-agent: BarBot\nInvalid-Unknown-Line: 1\nUser-agent: FooBot\nDisallow: /\n", "BarBot", "/x", false);
        yield return Case("Group_BlankLine_DoesNotEndTheGroup", "User-agent: FooBot\n\nDisallow: /\n", "FooBot", "/x", false);
        yield return Case("Group_OurProductToken", "User-agent: ArticlePipeline\nDisallow: /tim-kiem\n", "ArticlePipeline", "/tim-kiem?q=lua", false);
        yield return Case("Group_OurProductToken_OtherPathsAllowed", "User-agent: ArticlePipeline\nDisallow: /tim-kiem\n", "ArticlePipeline", "/tin-tuc/a1.html", true);

        // 2.1 / 2.2 line syntax.
        yield return Case("Syntax_Comments_AreIgnored", "# robots\nUser-agent: FooBot # our bot\nDisallow: /x # not this\n", "FooBot", "/x", false);
        yield return Case("Syntax_CommentedOutRule_IsIgnored", "User-agent: FooBot\n# Disallow: /\nDisallow: /foo/quz#qux\nAllow: /\n", "FooBot", "/foo/bar", true);
        yield return Case("Syntax_TrailingComment_EndsThePattern", "User-agent: FooBot\n# Disallow: /\nDisallow: /foo/quz#qux\nAllow: /\n", "FooBot", "/foo/quz", false);
        yield return Case("Syntax_MissingColon_IsAcceptedForKnownKeys", "User-agent FooBot\nDisallow /\n", "FooBot", "/x", false);
        yield return Case("Syntax_UnknownKeys_AreIgnored", "foo: FooBot\nbar: /\n", "FooBot", "/x", true);
        yield return Case("Syntax_MisspeltDisallow_IsAccepted", "User-agent: FooBot\nDissallow: /\n", "FooBot", "/x", false);
        yield return Case("Syntax_ByteOrderMark_IsSkipped", "\uFEFFUser-agent: FooBot\nDisallow: /\n", "FooBot", "/x", false);
        yield return Case("Syntax_CarriageReturnLineEnds", "User-agent: FooBot\rDisallow: /\r", "FooBot", "/x", false);
        yield return Case("Syntax_CrLfLineEnds", "User-agent: FooBot\r\nDisallow: /a\r\nAllow: /b\r\n", "FooBot", "/a", false);
        yield return Case("Syntax_NoFinalLineEnd", "User-agent: FooBot\nDisallow: /a", "FooBot", "/a", false);
        yield return Case("Syntax_EmptyDisallow_AllowsAll", "User-agent: FooBot\nDisallow:\n", "FooBot", "/x", true);
        yield return Case("Syntax_EmptyFile_AllowsAll", string.Empty, "FooBot", "/x", true);
        yield return Case("Syntax_WhitespaceAroundValues_IsTrimmed", "  User-agent :   FooBot  \n  Disallow :   /x   \n", "FooBot", "/x", false);
        yield return Case("Syntax_PatternWithoutSlash_IsReadFromTheRoot", "User-agent: FooBot\nDisallow: tmp/\n", "FooBot", "/tmp/a", false);

        // 2.2.2 longest match; Allow wins a tie.
        yield return Case("Match_LongerAllow_BeatsShorterDisallow", "User-agent: *\nDisallow: /x/\nAllow: /x/page.html\n", "FooBot", "/x/page.html", true);
        yield return Case("Match_LongerDisallow_BeatsShorterAllow", "User-agent: *\nAllow: /x/\nDisallow: /x/page.html\n", "FooBot", "/x/page.html", false);
        yield return Case("Match_ShorterDisallow_StillAppliesElsewhere", "User-agent: *\nDisallow: /x/\nAllow: /x/page.html\n", "FooBot", "/x/other.html", false);
        yield return Case("Match_Tie_AllowWins", "User-agent: *\nAllow: /page\nDisallow: /page\n", "FooBot", "/page", true);
        yield return Case("Match_Tie_AllowWinsWhateverTheOrder", "User-agent: *\nDisallow: /page\nAllow: /page\n", "FooBot", "/page", true);
        yield return Case("Match_LengthCountsWildcards", "User-agent: *\nAllow: /page\nDisallow: /*.html\n", "FooBot", "/page.html", false);
        yield return Case("Match_AllowRootOnly_AllowsTheRoot", "User-agent: *\nAllow: /$\nDisallow: /\n", "FooBot", "/", true);
        yield return Case("Match_AllowRootOnly_DisallowsTheRest", "User-agent: *\nAllow: /$\nDisallow: /\n", "FooBot", "/page.html", false);
        yield return Case("Match_Paths_AreCaseSensitive_Lower", "User-agent: *\nDisallow: /Fish\n", "FooBot", "/fish", true);
        yield return Case("Match_Paths_AreCaseSensitive_Upper", "User-agent: *\nDisallow: /Fish\n", "FooBot", "/Fish", false);
        yield return Case("Match_NoRuleMatches_Allowed", "User-agent: *\nDisallow: /a\n", "FooBot", "/b", true);
        yield return Case("Match_RobotsTxt_IsImplicitlyAllowed", "User-agent: *\nDisallow: /\n", "FooBot", "/robots.txt", true);
        yield return Case("Match_EmptyPath_IsTheRoot", "User-agent: *\nDisallow: /$\n", "FooBot", string.Empty, false);

        // 2.2.3 special characters: prefix matching, "*" and "$".
        yield return Case("Special_Prefix_MatchesLongerPaths", "User-agent: *\nDisallow: /fish\n", "FooBot", "/fishheads/yummy.html", false);
        yield return Case("Special_Prefix_MatchesQueries", "User-agent: *\nDisallow: /fish\n", "FooBot", "/fish.php?id=anything", false);
        yield return Case("Special_Prefix_AnchoredAtTheStart", "User-agent: *\nDisallow: /fish\n", "FooBot", "/catfish", true);
        yield return Case("Special_Prefix_NotInTheQuery", "User-agent: *\nDisallow: /fish\n", "FooBot", "/?id=fish", true);
        yield return Case("Special_TrailingStar_IsLikeNoStar", "User-agent: *\nDisallow: /fish*\n", "FooBot", "/fishheads", false);
        yield return Case("Special_TrailingSlash_IsRequired", "User-agent: *\nDisallow: /fish/\n", "FooBot", "/fish", true);
        yield return Case("Special_TrailingSlash_MatchesBelow", "User-agent: *\nDisallow: /fish/\n", "FooBot", "/fish/salmon.htm", false);
        yield return Case("Special_StarExtension_MatchesAnywhere", "User-agent: *\nDisallow: /*.php\n", "FooBot", "/folder/filename.php?parameters", false);
        yield return Case("Special_StarExtension_IsCaseSensitive", "User-agent: *\nDisallow: /*.php\n", "FooBot", "/windows.PHP", true);
        yield return Case("Special_StarExtension_NotTheRoot", "User-agent: *\nDisallow: /*.php\n", "FooBot", "/", true);
        yield return Case("Special_Dollar_AnchorsTheEnd", "User-agent: *\nDisallow: /*.php$\n", "FooBot", "/folder/filename.php", false);
        yield return Case("Special_Dollar_RejectsAQuery", "User-agent: *\nDisallow: /*.php$\n", "FooBot", "/filename.php?parameters", true);
        yield return Case("Special_Dollar_RejectsALongerExtension", "User-agent: *\nDisallow: /*.php$\n", "FooBot", "/filename.php5", true);
        yield return Case("Special_StarInTheMiddle_Matches", "User-agent: *\nDisallow: /fish*.php\n", "FooBot", "/fishheads/catfish.php?parameters", false);
        yield return Case("Special_StarInTheMiddle_IsCaseSensitive", "User-agent: *\nDisallow: /fish*.php\n", "FooBot", "/Fish.PHP", true);
        yield return Case("Special_StarForASegment_Matches", "User-agent: *\nDisallow: /foo/*/qux\n", "FooBot", "/foo/bar/qux", false);
        yield return Case("Special_StarForASegment_NeedsTheSegment", "User-agent: *\nDisallow: /foo/*/qux\n", "FooBot", "/foo/qux", true);
        yield return Case("Special_SeveralStars_Match", "User-agent: *\nDisallow: /*a*b*c\n", "FooBot", "/xaybzc", false);
        yield return Case("Special_SeveralStars_KeepTheOrder", "User-agent: *\nDisallow: /*a*b*c\n", "FooBot", "/xcba", true);
        yield return Case("Special_DollarInside_IsLiteral", "User-agent: *\nDisallow: /a$b\n", "FooBot", "/a$b", false);
        yield return Case("Special_DollarInside_IsNotAnAnchor", "User-agent: *\nDisallow: /a$b\n", "FooBot", "/ab", true);
        yield return Case("Special_StarQuestionMark_MatchesAnyQuery", "User-agent: *\nDisallow: /*?\n", "FooBot", "/tin-tuc?page=2", false);
        yield return Case("Special_StarQuestionMark_NotWithoutQuery", "User-agent: *\nDisallow: /*?\n", "FooBot", "/tin-tuc", true);
        yield return Case("Special_DollarAfterSlash_OnlyThatPath", "User-agent: *\nDisallow: /fish/$\n", "FooBot", "/fish/salmon", true);

        // 2.2.2 percent-encoding equivalence (the RFC's table and a Vietnamese path).
        yield return Case("Encoding_RawPatternMatchesEncodedPath", "User-agent: *\nDisallow: /foo/bar/ツ\n", "FooBot", "/foo/bar/%E3%83%84", false);
        yield return Case("Encoding_EncodedPatternMatchesRawPath", "User-agent: *\nDisallow: /foo/bar/%E3%83%84\n", "FooBot", "/foo/bar/ツ", false);
        yield return Case("Encoding_UnreservedEscapes_AreDecoded", "User-agent: *\nDisallow: /foo/bar/%62%61%7A\n", "FooBot", "/foo/bar/baz", false);
        yield return Case("Encoding_Tilde_IsUnreserved", "User-agent: *\nDisallow: /~foo\n", "FooBot", "/%7Efoo", false);
        yield return Case("Encoding_HexDigits_AreCaseInsensitive", "User-agent: *\nDisallow: /a%2fb\n", "FooBot", "/a%2Fb", false);
        yield return Case("Encoding_ReservedEscapes_StayEncoded", "User-agent: *\nDisallow: /a/b\n", "FooBot", "/a%2Fb", true);
        yield return Case("Encoding_VietnamesePath", "User-agent: *\nDisallow: /tìm-kiếm\n", "FooBot", "/t%C3%ACm-ki%E1%BA%BFm?q=l%C3%BAa", false);
        yield return Case("Encoding_QueryWithReservedCharacters", "User-agent: *\nDisallow: /foo/bar?qux=taz&baz=http://foo.bar?tar&par\n", "FooBot", "/foo/bar?qux=taz&baz=http://foo.bar?tar&par", false);
        yield return Case("Encoding_SpaceInPath", "User-agent: *\nDisallow: /a b\n", "FooBot", "/a%20b", false);
    }

    private static TestCaseData Case(string name, string robots, string agent, string path, bool allowed) =>
        new TestCaseData(robots, agent, path).Returns(allowed).SetName(name);
}
