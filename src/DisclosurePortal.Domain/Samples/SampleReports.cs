using System.Globalization;
using System.Text;
using DisclosurePortal.Domain.Format;
using DisclosurePortal.Domain.Regions;
using DisclosurePortal.Domain.Reports;

namespace DisclosurePortal.Domain.Samples;

/// <summary>
/// Realistic, internally consistent annual reports for demo data, benchmarks and tests. Deterministic: the same
/// arguments always give the same report, on every machine and .NET version (own PRNG, no string hash codes).
/// Every blocking rule passes; with <c>previousYear</c> the cross-year rules pass too; the prose quotes the
/// tables' figures (TEXT-FIGURES) and is assembled from interchangeable sentences, topics and channels chosen by
/// the seed, so two generated bodies are not 雷同 (TEXT-COPIED).
/// </summary>
public static class SampleReports
{
    /// <summary>
    /// Generates the report of <paramref name="bodyName"/> for <paramref name="year"/>.
    /// <paramref name="newApplications"/> is 表三 一、本年新收 in total; by default it follows the body's kind:
    /// a township a handful (often none), a county government a few thousand, a city or province more.
    /// </summary>
    public static ReportData Generate(ReportFormat format, BodyKind kind, int year, string bodyName, int seed,
        ReportData? previousYear = null, int? newApplications = null)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentException.ThrowIfNullOrWhiteSpace(bodyName);
        if (format.Version != Format2021.Version)
            throw new ArgumentException($"样例数据只支持 {Format2021.Version} 年格式", nameof(format));
        if (newApplications < 0) throw new ArgumentOutOfRangeException(nameof(newApplications));

        var rng = new Rng((ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ Fnv(bodyName) ^ ((ulong)(uint)year << 20));
        var figures = new Dictionary<CellRef, decimal>();
        var t3 = GenerateTable3(format, kind, rng, previousYear, newApplications, figures);
        var t4 = GenerateTable4(kind, rng, figures);
        var t2 = GenerateTable2(kind, rng, previousYear, figures);
        var derived = TotalDeriver.Derive(format, figures);

        var writer = new ProseWriter(rng, kind, year, bodyName.Trim(), t2, t3, t4);
        return new ReportData(format, derived, writer.Write());
    }

    // ---- 表三 -------------------------------------------------------------------------------------------

    /// <summary>Share of applications by applicant column: mostly 自然人, then 法律服务机构 and 商业企业.</summary>
    private static readonly double[] ApplicantWeights = [0.80, 0.08, 0.012, 0.018, 0.055, 0.035];

    /// <summary>
    /// Share of 办理结果 over the rows of （七）总计's SumOf, in document order: 予以公开, 部分公开, 不予公开 1–8,
    /// 无法提供 1–3, 不予处理 1–5, 其他处理 1–3; 本机关不掌握 is the usual second outcome after 予以公开.
    /// </summary>
    private static readonly double[] ResultWeights =
    [
        0.42, 0.08,
        0.003, 0.005, 0.004, 0.012, 0.008, 0.014, 0.010, 0.020,
        0.22, 0.04, 0.02,
        0.03, 0.025, 0.008, 0.01, 0.012,
        0.04, 0.004, 0.03,
    ];

    private sealed record T3Summary(int Received, int CarriedOver, int Disclosed, int Partial, int Unavailable,
        int CarriedForward, int Natural, int Organisations);

    private static T3Summary GenerateTable3(ReportFormat format, BodyKind kind, Rng rng, ReportData? previous,
        int? newApplications, Dictionary<CellRef, decimal> figures)
    {
        var table = format.Table(Format2021.T3);
        var resultRows = table.Row(Format2021.Table3.ResultsTotal).SumOf!;
        if (resultRows.Count != ResultWeights.Length)
            throw new InvalidOperationException("ResultWeights must follow the rows of （七）总计");
        var columns = Format2021.Table3.ApplicantColumns;
        var small = kind.Tier() == 0;

        var received = newApplications ?? kind switch
        {
            BodyKind.CountyGovernment => rng.Next(1500, 4000),
            BodyKind.CountyDepartment => rng.Next(20, 300),
            BodyKind.CityGovernment => rng.Next(5000, 15000),
            BodyKind.CityDepartment => rng.Next(200, 1500),
            BodyKind.ProvincialGovernment => rng.Next(8000, 20000),
            BodyKind.ProvincialDepartment => rng.Next(500, 3000),
            _ => rng.Chance(0.4) ? 0 : rng.Next(1, 9),
        };
        var perColumn = Allocate(received, Jitter(rng, ApplicantWeights), rng);

        int sumOver = 0, sumForward = 0, disclosed = 0, partial = 0, unavailable = 0;
        for (var c = 0; c < columns.Count; c++)
        {
            var col = columns[c];
            // X-CARRY-OVER: 上年结转 is exactly last year's 结转下年度继续办理.
            var over = previous is not null
                ? (int)(previous.Get(Format2021.T3, Format2021.Table3.CarriedForward, col) ?? 0m)
                : small ? 0 : (int)Math.Round(perColumn[c] * rng.Between(0.02, 0.05));
            var toHandle = perColumn[c] + over;
            var forward = small ? 0 : (int)Math.Round(toHandle * rng.Between(0.02, 0.05));
            var outcomes = Allocate(toHandle - forward, Jitter(rng, ResultWeights), rng);

            Set(figures, Format2021.T3, Format2021.Table3.Received, col, perColumn[c]);
            Set(figures, Format2021.T3, Format2021.Table3.CarriedOver, col, over);
            Set(figures, Format2021.T3, Format2021.Table3.CarriedForward, col, forward);
            for (var r = 0; r < resultRows.Count; r++) Set(figures, Format2021.T3, resultRows[r], col, outcomes[r]);

            sumOver += over;
            sumForward += forward;
            disclosed += outcomes[0];
            partial += outcomes[1];
            unavailable += outcomes[10] + outcomes[11] + outcomes[12];
        }
        return new T3Summary(received, sumOver, disclosed, partial, unavailable, sumForward,
            perColumn[0], received - perColumn[0]);
    }

    // ---- 表四 -------------------------------------------------------------------------------------------

    private sealed record T4Summary(int Review, int ReviewCorrected, int Suits);

    private static T4Summary GenerateTable4(BodyKind kind, Rng rng, Dictionary<CellRef, decimal> figures)
    {
        var (review, direct, after) = kind switch
        {
            BodyKind.CountyGovernment => (rng.Next(10, 60), rng.Next(5, 30), rng.Next(2, 12)),
            BodyKind.CityGovernment => (rng.Next(40, 150), rng.Next(20, 80), rng.Next(10, 40)),
            BodyKind.ProvincialGovernment => (rng.Next(60, 200), rng.Next(20, 90), rng.Next(10, 50)),
            BodyKind.CountyDepartment => (rng.Next(0, 4), rng.Next(0, 3), rng.Next(0, 2)),
            BodyKind.CityDepartment or BodyKind.ProvincialDepartment =>
                (rng.Next(2, 15), rng.Next(1, 8), rng.Next(0, 5)),
            _ => (rng.Chance(0.1) ? 1 : 0, 0, 0),
        };
        double[] shares = [0.62, 0.14, 0.14, 0.10];
        var corrected = 0;
        foreach (var (group, total) in new[]
                 {
                     (Format2021.Table4.Review, review), (Format2021.Table4.DirectSuit, direct),
                     (Format2021.Table4.SuitAfterReview, after),
                 })
        {
            var parts = Allocate(total, Jitter(rng, shares), rng);
            for (var i = 0; i < parts.Length; i++)
                Set(figures, Format2021.T4, Format2021.Table4.Row, Format2021.Table4.Column(group, Format2021.Table4.Results[i]), parts[i]);
            if (group == Format2021.Table4.Review) corrected = parts[1];
        }
        return new T4Summary(review, corrected, direct + after);
    }

    // ---- 表二 -------------------------------------------------------------------------------------------

    private sealed record T2Summary(int RulesIssued, int DocsIssued, int DocsRepealed, int DocsInForce,
        int Licensing, int Penalty, decimal Fee);

    private static T2Summary GenerateTable2(BodyKind kind, Rng rng, ReportData? previous, Dictionary<CellRef, decimal> figures)
    {
        var tier = kind.Tier();
        var isGovernment = !kind.IsDepartment() && kind != BodyKind.OtherPublicBody;

        // 规章 only where 《立法法》 arts. 91, 93 allow them (BODY-NO-RULES).
        (int Issued, int Repealed, int InForce) rules = kind.MayMakeRules()
            ? InForceRow(rng, previous, Format2021.Table2.Rules, tier == 3 ? (5, 20) : (2, 8), tier == 3 ? (200, 500) : (80, 200))
            : (0, 0, 0);
        var docs = InForceRow(rng, previous, Format2021.Table2.NormativeDocs, tier switch
        {
            0 => (0, 3),
            1 => isGovernment ? (5, 40) : (1, 10),
            2 => isGovernment ? (20, 80) : (3, 20),
            _ => isGovernment ? (30, 100) : (5, 30),
        }, tier switch { 0 => (0, 6), 1 => (40, 200), 2 => (100, 400), _ => (200, 800) });
        foreach (var (row, (issued, repealed, inForce)) in new[] { (Format2021.Table2.Rules, rules), (Format2021.Table2.NormativeDocs, docs) })
        {
            Set(figures, Format2021.T2, row, Format2021.Table2.Issued, issued);
            Set(figures, Format2021.T2, row, Format2021.Table2.Repealed, repealed);
            Set(figures, Format2021.T2, row, Format2021.Table2.InForce, inForce);
        }

        var scale = tier switch { 0 => 1, 1 => isGovernment ? 20 : 5, 2 => isGovernment ? 60 : 15, _ => isGovernment ? 120 : 30 };
        var licensing = tier == 0 ? (rng.Chance(0.5) ? 0 : rng.Next(1, 60)) : rng.Next(200, 1500) * scale;
        var penalty = tier == 0 ? (rng.Chance(0.4) ? 0 : rng.Next(1, 40)) : rng.Next(40, 400) * scale;
        var coercion = tier == 0 ? (rng.Chance(0.7) ? 0 : rng.Next(1, 6)) : rng.Next(2, 30) * scale;
        Set(figures, Format2021.T2, Format2021.Table2.Licensing, Format2021.Table2.Decisions, licensing);
        Set(figures, Format2021.T2, Format2021.Table2.Penalty, Format2021.Table2.Decisions, penalty);
        Set(figures, Format2021.T2, Format2021.Table2.Coercion, Format2021.Table2.Decisions, coercion);

        // 万元 to 4 decimals, well under the FEE-MAGNITUDE ceiling of the tier.
        var (low, high) = tier switch { 0 => (0.5, 30.0), 1 => (20.0, 800.0), 2 => (500.0, 8000.0), _ => (2000.0, 60000.0) };
        var fee = tier == 0 && rng.Chance(0.7) ? 0m : (long)Math.Round(rng.Between(low, high) * 10_000) / 10_000m;
        figures[new CellRef(Format2021.T2, Format2021.Table2.AdminFees, Format2021.Table2.FeeAmount)] = fee;

        return new T2Summary(rules.Issued, docs.Issued, docs.Repealed, docs.InForce, licensing, penalty, fee);
    }

    /// <summary>X-IN-FORCE and T2-REPEAL: 现行有效 = last year's + 制发 − 废止, and 废止 never exceeds what existed.</summary>
    private static (int Issued, int Repealed, int InForce) InForceRow(Rng rng, ReportData? previous, string row,
        (int Low, int High) issuedRange, (int Low, int High) baseRange)
    {
        var before = previous?.Get(Format2021.T2, row, Format2021.Table2.InForce) is { } v
            ? (int)v : rng.Next(baseRange.Low, baseRange.High + 1);
        var issued = rng.Next(issuedRange.Low, issuedRange.High + 1);
        var repealed = Math.Min(before + issued, rng.Next(0, Math.Max(1, issued / 2 + 2)));
        return (issued, repealed, before + issued - repealed);
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static void Set(Dictionary<CellRef, decimal> figures, string table, string row, string column, int value) =>
        figures[new CellRef(table, row, column)] = value;

    private static double[] Jitter(Rng rng, double[] weights)
    {
        var result = new double[weights.Length];
        for (var i = 0; i < weights.Length; i++) result[i] = weights[i] * rng.Between(0.6, 1.4);
        return result;
    }

    /// <summary>Splits <paramref name="total"/> by weight (largest remainder), so the parts add up exactly.</summary>
    private static int[] Allocate(int total, double[] weights, Rng rng)
    {
        var parts = new int[weights.Length];
        if (total <= 0) return parts;
        var sum = weights.Sum();
        var remainders = new double[weights.Length];
        var given = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            var exact = total * weights[i] / sum;
            parts[i] = (int)Math.Floor(exact);
            remainders[i] = exact - parts[i] + rng.Between(0, 0.01);
            given += parts[i];
        }
        var order = Enumerable.Range(0, weights.Length).OrderByDescending(i => remainders[i]).ToArray();
        for (var k = 0; given < total; k = (k + 1) % order.Length, given++) parts[order[k]]++;
        return parts;
    }

    private static ulong Fnv(string s)
    {
        var h = 14695981039346656037UL;
        foreach (var ch in s)
        {
            h ^= ch;
            h *= 1099511628211UL;
        }
        return h;
    }

    /// <summary>SplitMix64: tiny, fast, and fixed forever (System.Random's seeded sequence is not guaranteed).</summary>
    private sealed class Rng(ulong state)
    {
        public ulong NextULong()
        {
            var z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));
        public double Between(double low, double high) => low + (high - low) * NextDouble();
        /// <summary>An integer in [low, high).</summary>
        public int Next(int low, int high) => high <= low ? low : low + (int)(NextULong() % (ulong)(high - low));
        public bool Chance(double p) => NextDouble() < p;
        public T Pick<T>(T[] items) => items[Next(0, items.Length)];

        public List<T> PickSome<T>(IReadOnlyList<T> items, int count)
        {
            var pool = items.ToList();
            var chosen = new List<T>();
            while (chosen.Count < count && pool.Count > 0)
            {
                var i = Next(0, pool.Count);
                chosen.Add(pool[i]);
                pool.RemoveAt(i);
            }
            return chosen;
        }
    }

    // ---- prose --------------------------------------------------------------------------------------

    /// <summary>
    /// Writes the seven prose parts from interchangeable sentences. Every sentence that quotes a figure takes it
    /// from the generated tables; phrases that TEXT-FIGURES reads (新收…申请 N 件, 上年结转, 结转下年度, 行政复议 /
    /// 行政诉讼 N 件) appear only there.
    /// </summary>
    private sealed class ProseWriter(Rng rng, BodyKind kind, int year, string name, T2Summary t2, T3Summary t3, T4Summary t4)
    {
        private static readonly string[] Topics =
        [
            "财政预决算", "重大建设项目", "公共资源配置", "乡村振兴", "社会救助", "义务教育", "卫生健康",
            "生态环境保护", "安全生产", "食品药品监管", "就业创业", "征地补偿", "优化营商环境", "养老服务",
            "住房保障", "农业农村", "防汛抗旱", "市场监管", "城市管理", "退役军人服务", "医疗保障", "耕地保护",
        ];

        private static readonly string[] Channels =
        [
            "政府门户网站", "政务微信公众号", "政务微博", "政务公开栏", "便民服务中心电子屏", "村（居）务公开栏",
            "新闻发布会", "政务服务网", "政府信息公开专栏", "融媒体中心", "政务服务大厅查阅点", "短视频账号",
        ];

        private static readonly string[] Practices =
        [
            "“政府开放日”", "“政策进万家”宣讲", "“民情恳谈会”", "“院坝说事”", "网格员入户宣传", "“政策明白卡”",
            "“码上公开”二维码", "“一次性告知”清单", "政务公开体验区", "“局长接待日”", "“公开议事厅”", "政策直播间",
        ];

        private static readonly string[] FirstChars =
            ["东", "西", "南", "北", "青", "石", "龙", "凤", "白", "金", "柳", "桃", "杨", "李", "张", "刘", "马", "黄",
             "高", "新", "长", "大", "小", "双", "清", "梅", "松", "云", "沙", "河"];

        private static readonly string[] SecondChars =
            ["山", "水", "桥", "塘", "坪", "岭", "湾", "溪", "林", "田", "岗", "园", "口", "泉", "庄", "坝", "湖", "港",
             "源", "冲"];

        private readonly string _we = SelfReference(kind, name);
        private readonly string _year = year.ToString(CultureInfo.InvariantCulture) + "年";
        private readonly List<string> _topics = rng.PickSome(Topics, 5);
        private readonly List<string> _channels = rng.PickSome(Channels, 3);
        private readonly List<string> _practices = rng.PickSome(Practices, 2);
        private readonly List<string> _places = Places(rng, kind);

        public Dictionary<string, string> Write() => new(StringComparer.Ordinal)
        {
            [Format2021.ProseActive] = Active(),
            [Format2021.ProseOnRequest] = OnRequest(),
            [Format2021.ProseManagement] = Management(),
            [Format2021.ProsePlatform] = Platform(),
            [Format2021.ProseSupervision] = Supervision(),
            [Format2021.ProseProblems] = Problems(),
            [Format2021.ProseOther] = Other(),
        };

        private string Pick(params string[] options) => rng.Pick(options);

        /// <summary>Villages of a township, townships of a county, districts of a city: what local prose names.</summary>
        private static List<string> Places(Rng rng, BodyKind kind)
        {
            var suffix = kind switch
            {
                BodyKind.TownshipGovernment => "村",
                BodyKind.SubDistrictOffice => "社区",
                BodyKind.CityGovernment or BodyKind.CityDepartment => "区",
                BodyKind.ProvincialGovernment or BodyKind.ProvincialDepartment => "市",
                _ => "镇",
            };
            var places = new List<string>();
            while (places.Count < 3)
            {
                var place = rng.Pick(FirstChars) + rng.Pick(SecondChars) + suffix;
                if (!places.Contains(place)) places.Add(place);
            }
            return places;
        }

        private static string SelfReference(BodyKind kind, string name) => kind switch
        {
            BodyKind.TownshipGovernment => name.Contains('乡', StringComparison.Ordinal) && !name.Contains('镇', StringComparison.Ordinal) ? "我乡" : "我镇",
            BodyKind.SubDistrictOffice => "我街道",
            BodyKind.CountyGovernment => name.Replace("人民政府", "", StringComparison.Ordinal).EndsWith('区') ? "我区" : "我县",
            BodyKind.CityGovernment => "我市",
            BodyKind.ProvincialGovernment => "我省",
            BodyKind.CountyDepartment or BodyKind.CityDepartment or BodyKind.ProvincialDepartment =>
                "我" + (name.EndsWith('局') || name.EndsWith('委') || name.EndsWith('办') || name.EndsWith('厅') ? name[^1..] : "单位"),
            _ => "我单位",
        };

        /// <summary>Small counts are often written in Chinese numerals (两件, 三件); TEXT-FIGURES reads both.</summary>
        private string Count(int n) => n is > 0 and <= 10 && rng.Chance(0.35) ? Chinese(n) : N(n);

        private static string Chinese(int n) => "零一两三四五六七八九十"[n].ToString();

        private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
        private static string Money(decimal m) => FigureValues.Display(ValueKind.Money, m);
        private int Some(int low, int high) => rng.Next(low, high);

        private string Active()
        {
            var sb = new StringBuilder();
            sb.Append(Pick(
                $"{_year}，{_we}坚持以公开为常态、不公开为例外，紧紧围绕{_topics[0]}、{_topics[1]}等重点领域，全面推进决策、执行、管理、服务、结果公开。",
                $"{_year}，{_we}认真贯彻《中华人民共和国政府信息公开条例》，把{_topics[0]}和{_topics[1]}作为主动公开的重点，做到应公开尽公开。",
                $"{_year}，{_we}对照主动公开基本目录逐项梳理公开事项，重点加大{_topics[0]}、{_topics[1]}领域信息的发布力度。",
                $"本年度，{_we}按照上级关于政务公开工作的部署，以{_topics[0]}、{_topics[1]}信息为重点，持续拓展主动公开的广度和深度。",
                $"围绕{_topics[0]}和{_topics[1]}两项中心工作，{_we}在{_year}把政策发布、执行进展和办理结果一并向社会公开。"));
            sb.Append(Pick(
                $"全年通过{_channels[0]}主动公开各类政府信息{N(Some(80, 2000))}条，",
                $"全年在{_channels[0]}累计发布信息{N(Some(80, 2000))}条，",
                $"依托{_channels[0]}和{_channels[1]}共发布政务信息{N(Some(80, 2000))}条，",
                $"{_channels[1]}与{_channels[0]}同步推送各类信息{N(Some(80, 2000))}条，"));
            sb.Append(t2.DocsIssued > 0
                ? Pick($"制发并公开行政规范性文件{N(t2.DocsIssued)}件，", $"公开本机关制发的行政规范性文件{N(t2.DocsIssued)}件，",
                    $"新制发的{N(t2.DocsIssued)}件行政规范性文件全部按期公开，")
                : Pick("本年度未制发行政规范性文件，", "全年没有新制发的行政规范性文件，", "因无新制发的行政规范性文件，"));
            sb.Append(Pick(
                $"公开行政许可决定{N(t2.Licensing)}项、行政处罚决定{N(t2.Penalty)}项。",
                $"依法公示行政许可结果{N(t2.Licensing)}项，行政处罚结果{N(t2.Penalty)}项。",
                $"行政许可、行政处罚信息分别公开{N(t2.Licensing)}项和{N(t2.Penalty)}项。",
                $"“双公示”信息中行政许可{N(t2.Licensing)}项、行政处罚{N(t2.Penalty)}项均在规定时限内上网。"));
            if (t2.RulesIssued > 0) sb.Append(CultureInfo.InvariantCulture, $"本年制定并公开政府规章{N(t2.RulesIssued)}件，全文刊登于政府公报。");
            sb.Append(Pick(
                $"在{_topics[2]}方面，及时发布政策文件、办事指南和工作动态，方便群众查阅。",
                $"围绕{_topics[2]}等群众关切事项，同步推送政策解读{N(Some(5, 60))}篇，以图文、问答等形式讲清政策要点。",
                $"{_topics[2]}、{_topics[3]}等领域信息实行专栏集中发布，做到更新及时、内容准确。",
                $"对涉及{_topics[2]}的重要政策，坚持政策文件与解读材料同步起草、同步审签、同步发布。",
                $"{_places[0]}、{_places[1]}等地{_topics[2]}项目的资金安排和实施进度全部公开，接受群众监督。"));
            sb.Append(Pick(
                $"同时借助{_practices[0]}等形式，把{_topics[4]}政策送到群众身边。",
                $"在{_places[2]}试点{_practices[0]}，群众对{_topics[4]}信息的知晓度明显提高。",
                $"{_topics[4]}方面的惠民政策通过{_channels[2]}和{_practices[0]}多渠道发布。",
                $"对{_topics[4]}等直接关系群众切身利益的事项，坚持在{_channels[2]}常态化公开。"));
            return sb.ToString();
        }

        private string OnRequest()
        {
            var sb = new StringBuilder();
            if (t3.Received == 0 && t3.CarriedOver == 0)
            {
                sb.Append(Pick(
                    $"{_year}，{_we}未收到政府信息公开申请，也没有上年度结转的申请。",
                    $"本年度{_we}没有收到依申请公开政府信息的申请，无上年结转申请，未发生不予公开的情况。",
                    $"{_year}，{_we}无依申请公开事项，亦无结转至下年度办理的申请。",
                    $"{_year}全年，{_we}没有公民、法人或者其他组织提出政府信息公开申请。"));
                sb.Append(Pick(
                    $"{_we}已在{_channels[0]}公布申请渠道、受理机构和办理流程，确保申请渠道畅通。",
                    "依申请公开工作机制保持正常运转，指定专人负责接收、登记和答复。",
                    $"申请表格和办理指南已放置在{_channels[2]}，群众可随时取用。",
                    "我们对照办理规范定期检查受理渠道，做到随时有申请、随时能办理。"));
            }
            else
            {
                sb.Append(Pick(
                    $"{_year}，{_we}新收政府信息公开申请{Count(t3.Received)}件，",
                    $"{_year}，{_we}共新收到政府信息公开申请{Count(t3.Received)}件，",
                    $"本年度{_we}新收政府信息公开申请{Count(t3.Received)}件，",
                    $"全年{_we}新收政府信息公开申请{Count(t3.Received)}件，"));
                if (t3.Received > 0)
                    sb.Append(Pick($"其中自然人提出{N(t3.Natural)}件、法人或其他组织提出{N(t3.Organisations)}件；",
                        $"申请人以自然人为主（{N(t3.Natural)}件），法人或其他组织{N(t3.Organisations)}件；",
                        $"自然人申请占多数，为{N(t3.Natural)}件，企业等组织申请{N(t3.Organisations)}件；"));
                sb.Append(Pick($"上年结转{Count(t3.CarriedOver)}件。", $"另有上年结转{Count(t3.CarriedOver)}件。",
                    $"加上上年结转{Count(t3.CarriedOver)}件，全年共需办理{N(t3.Received + t3.CarriedOver)}件。",
                    $"连同上年结转{Count(t3.CarriedOver)}件一并办理。"));
                sb.Append(Pick(
                    $"已办结的申请中，予以公开{N(t3.Disclosed)}件，部分公开{N(t3.Partial)}件，因本机关不掌握等原因无法提供{N(t3.Unavailable)}件，",
                    $"从办理结果看，予以公开的{N(t3.Disclosed)}件、部分公开的{N(t3.Partial)}件，无法提供的{N(t3.Unavailable)}件，",
                    $"按办理结果统计，予以公开{N(t3.Disclosed)}件，部分公开{N(t3.Partial)}件，无法提供{N(t3.Unavailable)}件，",
                    $"办理结果以予以公开为主（{N(t3.Disclosed)}件），另有部分公开{N(t3.Partial)}件、无法提供{N(t3.Unavailable)}件，"));
                sb.Append(t3.CarriedForward > 0
                    ? $"结转下年度继续办理{Count(t3.CarriedForward)}件。"
                    : "没有结转下年度继续办理的申请。");
                sb.Append(Pick(
                    "所有申请均在法定期限内答复，答复文书统一规范格式、载明救济途径。",
                    "严格执行申请登记、审核、会商、答复、归档流程，确保答复依法、规范、及时。",
                    "对疑难申请坚持法制审核和集体会商，做到答复内容准确、依据充分。",
                    $"申请内容主要集中在{_topics[3]}和{_topics[4]}方面，承办科室均在法定期限内作出答复。",
                    $"涉及{_topics[3]}的申请较上年有所增加，{_we}提前会商、统一口径，答复质量稳步提升。",
                    $"为方便{_places[0]}等地群众，{_we}同时提供现场、信函和网上三种申请方式。"));
            }
            sb.Append(t4.Review == 0 && t4.Suits == 0
                ? Pick("全年未发生因政府信息公开引起的行政复议和行政诉讼案件。",
                    "本年度没有因政府信息公开被申请行政复议或者被提起行政诉讼的情况。",
                    "政府信息公开方面的行政复议、行政诉讼案件本年度均未发生。")
                : Pick($"全年因政府信息公开被申请行政复议{N(t4.Review)}件、被提起行政诉讼{N(t4.Suits)}件。",
                    $"本年度涉及政府信息公开的行政复议{N(t4.Review)}件，行政诉讼{N(t4.Suits)}件。",
                    $"涉及本机关政府信息公开的案件中，行政复议{N(t4.Review)}件，行政诉讼{N(t4.Suits)}件，{_we}均依法答复、积极应诉。"));
            if (t4.ReviewCorrected > 0)
                sb.Append(Pick("对复议纠正的案件逐件分析原因，举一反三完善答复口径。",
                    "针对被纠正的案件，组织承办人员复盘，进一步规范答复文书。",
                    "被纠正的案件已全部整改到位，并据此修订了答复文书范本。"));
            return sb.ToString();
        }

        private string Management()
        {
            var sb = new StringBuilder();
            sb.Append(Pick(
                $"{_we}严格落实公文公开属性源头认定制度，在公文拟制环节同步明确“主动公开”“依申请公开”或“不予公开”属性。",
                $"{_we}健全政府信息公开保密审查机制，坚持“先审查、后公开”和“一事一审”，全年未发生泄密事件。",
                $"{_we}建立政府信息管理台账，对本机关制作和获取的政府信息分类登记、动态更新。",
                $"{_we}修订政府信息公开工作规程，把发布审核、保密审查和公开属性认定写进每一道流程。",
                $"{_we}对{_topics[1]}等领域的信息实行清单化管理，明确责任科室和更新时限。"));
            sb.Append(t2.DocsIssued > 0 || t2.DocsRepealed > 0
                ? Pick(
                    $"本年制发行政规范性文件{N(t2.DocsIssued)}件，废止{N(t2.DocsRepealed)}件，现行有效的行政规范性文件{N(t2.DocsInForce)}件均已在{_channels[0]}集中公开。",
                    $"开展行政规范性文件清理，本年废止{N(t2.DocsRepealed)}件，新制发{N(t2.DocsIssued)}件，现行有效文件{N(t2.DocsInForce)}件统一编号、统一公布。",
                    $"经合法性审核后制发行政规范性文件{N(t2.DocsIssued)}件，清理废止{N(t2.DocsRepealed)}件，现行有效文件目录已更新。")
                : Pick(
                    $"本年未制发或废止行政规范性文件，现行有效文件{N(t2.DocsInForce)}件均已公开。",
                    "本年度没有制发、废止行政规范性文件。",
                    "全年无新制发和废止的行政规范性文件，文件目录保持有效。"));
            sb.Append(Pick(
                $"结合{_topics[3]}工作实际，对已公开信息开展季度自查，及时更正过时、错误信息。",
                "定期清理过期链接和失效内容，确保公开信息真实、准确、完整。",
                $"针对{_topics[1]}领域信息更新频次高的特点，明确专人维护，做到随产生、随公开。",
                "加强个人信息保护，对拟公开信息中的身份证号码、联系电话等内容作去标识化处理。",
                $"{_places[1]}等基层单位报送的信息由办公室统一审核后发布，杜绝多头发布。"));
            sb.Append(Pick(
                $"历年政策文件按{_topics[0]}、{_topics[2]}等主题分类归集，便于检索查阅。",
                "政府信息公开指南和公开目录已按最新要求完成修订。",
                $"同时对{_channels[1]}上的存量信息进行了全面梳理。",
                "档案移交和信息公开衔接顺畅，做到可查可溯。"));
            return sb.ToString();
        }

        private string Platform()
        {
            var sb = new StringBuilder();
            sb.Append(Pick(
                $"{_we}持续优化{_channels[0]}政府信息公开专栏，按照统一标准设置机构职能、政策文件、规划计划等栏目。",
                $"{_we}以{_channels[0]}为第一平台，{_channels[1]}、{_channels[2]}为补充，构建多渠道协同的公开平台体系。",
                $"{_we}完成{_channels[0]}栏目改版，集约整合信息发布、解读回应和互动交流功能。",
                $"{_we}推动{_channels[0]}与{_channels[1]}数据同源、同步更新，避免信息不一致。"));
            sb.Append(Pick(
                $"全年更新栏目信息{N(Some(50, 900))}条，{_channels[1]}推送信息{N(Some(30, 600))}条。",
                $"{_channels[1]}全年发布信息{N(Some(30, 600))}条，阅读量稳步增长。",
                $"在{_places[0]}、{_places[2]}等地设置公开查阅点{N(Some(1, 12))}个，方便不便上网的群众获取信息。",
                $"{_channels[2]}设在群众办事集中的场所，全年更新内容{N(Some(20, 300))}期。"));
            sb.Append(Pick(
                "加强网站安全防护，定期开展错敏字检测和链接可用性巡查。",
                "落实政务新媒体“三审三校”制度，杜绝内容差错。",
                "推进适老化和无障碍改造，提升平台易用性。",
                "建立平台运维值班制度，确保信息发布渠道安全稳定运行。",
                $"围绕{_topics[4]}开设专题页面，集中展示政策、进展和成效。"));
            sb.Append(Pick(
                $"{_practices[1]}与线上平台互为补充，扩大了信息覆盖面。",
                $"针对{_places[1]}等偏远地区，依托{_practices[1]}把信息送上门。",
                $"平台留言板全年回复群众咨询{N(Some(5, 300))}条。",
                "平台各栏目责任到人，内容保障机制持续完善。"));
            return sb.ToString();
        }

        private string Supervision()
        {
            var sb = new StringBuilder();
            sb.Append(Pick(
                $"{_we}成立由主要负责同志任组长的政务公开工作领导小组，明确办公室具体承担日常工作。",
                $"{_we}将政务公开工作纳入年度重点工作，主要负责同志定期听取工作汇报，研究解决问题。",
                $"{_we}调整充实政务公开工作力量，明确分管领导和专职人员，形成一级抓一级的责任体系。",
                $"{_we}把政务公开与{_topics[0]}等业务工作同部署、同推进、同考核。"));
            sb.Append(Pick(
                $"全年组织业务培训{N(Some(1, 8))}次，培训{N(Some(10, 300))}人次，",
                $"通过以会代训、专题辅导等方式开展培训{N(Some(1, 8))}期，",
                $"选派工作人员参加上级业务培训{N(Some(1, 8))}次，",
                $"面向{_places[0]}等基层单位的信息员开展专题培训{N(Some(1, 8))}场，"));
            sb.Append(Pick(
                "提升了工作人员依法公开的意识和能力。",
                "进一步提高了信息发布和申请答复的规范化水平。",
                "推动政务公开工作人员熟练掌握条例和相关标准。",
                "业务骨干队伍逐步稳定。"));
            sb.Append(Pick(
                "将政务公开纳入绩效考核，对发现的问题实行清单管理、限时整改。",
                "畅通社会评议渠道，在网站设置意见征集入口，及时回应公众关切。",
                "主动接受社会监督，对群众反映的公开问题做到件件有回音。",
                $"邀请{_places[2]}的群众代表参加{_practices[0]}，现场听取对公开工作的意见。"));
            sb.Append(Pick(
                "每季度通报一次各科室信息报送和更新情况。",
                "对逾期未更新的栏目，由办公室发出提醒并督促整改。",
                $"结合{_topics[2]}专项检查，同步检查相关信息公开情况。",
                "年内未发生因公开工作不到位被追责的情况。"));
            return sb.ToString();
        }

        private string Problems()
        {
            string[] problems =
            [
                "主动公开的深度不够，部分领域信息以发布结果为主，过程信息公开不足",
                "政策解读形式较为单一，图解、视频等解读占比不高",
                "基层工作人员业务能力有待提升，对公开属性认定把握不准",
                "部分栏目更新不及时，存在信息滞后现象",
                $"{_topics[2]}领域信息公开的标准化、规范化程度还不高",
                "依申请公开答复的说理性有待加强",
                "政务新媒体互动回应不够及时",
                "信息发布前的审核把关机制还需进一步细化",
                $"{_places[1]}等基层单位信息报送积极性不高",
                $"{_channels[1]}的关注度和影响力有限",
            ];
            string[] improvements =
            [
                "加强业务培训，组织工作人员系统学习条例及配套制度",
                "完善信息发布审核流程，落实专人负责、限时更新",
                "丰富政策解读形式，推出图文、短视频、在线访谈等多样化解读产品",
                $"聚焦{_topics[0]}、{_topics[3]}等群众关切领域，拓展公开内容",
                "健全依申请公开会商机制，提升答复质量",
                "定期开展栏目自查，对发现的问题建立台账、逐项整改",
                "加强与上级主管部门的沟通，学习借鉴先进地区经验",
                "强化考核督查，将公开质量纳入年度考核",
                $"推广{_practices[1]}等做法，扩大基层公开覆盖面",
                $"把{_places[0]}的经验做法在全域推开",
            ];
            var count = rng.Next(2, 4);
            var sb = new StringBuilder(Pick("存在的主要问题：", "一是存在的问题。", "问题方面：", "对照年度要点，仍有以下不足："));
            var i = 1;
            foreach (var p in rng.PickSome(problems, count)) sb.Append(N(i++)).Append('.').Append(p).Append('。');
            sb.Append(Pick("改进措施：", "针对上述问题，下一步将：", "改进情况：", "整改方向："));
            i = 1;
            foreach (var m in rng.PickSome(improvements, count + rng.Next(0, 2))) sb.Append(N(i++)).Append('.').Append(m).Append('。');
            // 条例 art. 50: governments also report 工作考核、社会评议和责任追究结果.
            if (!kind.IsDepartment() && kind != BodyKind.OtherPublicBody)
                sb.Append(Pick(
                    "本年度政务公开工作考核、社会评议结果良好，未发生责任追究情况。",
                    "全年按要求开展工作考核和社会评议，评议结果总体满意，没有因政务公开工作被追究责任的情况。",
                    "工作考核结果为良好，社会评议满意率较上年有所提升，本年度无责任追究事项。"));
            return sb.ToString();
        }

        private string Other()
        {
            var sb = new StringBuilder();
            sb.Append(Pick(
                $"依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），本年度{_we}未收取信息处理费。",
                $"按照国办函〔2020〕109号规定，{_we}本年度未向申请人收取信息处理费。",
                "本年度未发生收取信息处理费的情况（国办函〔2020〕109号）。"));
            if (t2.Fee > 0)
                sb.Append(CultureInfo.InvariantCulture, $"本年收取行政事业性收费{Money(t2.Fee)}万元，收费项目和标准已在{_channels[0]}公示。");
            sb.Append(Pick(
                $"本年度承办人大代表建议{N(Some(0, 40))}件、政协委员提案{N(Some(0, 40))}件，办理结果均已按规定公开。",
                "无其他需要报告的事项。",
                $"{_year}政务公开工作要点确定的各项任务均已落实。",
                $"{_topics[1]}领域基层政务公开标准目录已完成编制。"));
            return sb.ToString();
        }
    }
}
