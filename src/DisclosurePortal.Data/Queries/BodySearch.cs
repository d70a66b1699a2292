using DisclosurePortal.Domain.Regions;
using Microsoft.EntityFrameworkCore;

namespace DisclosurePortal.Data.Queries;

/// <summary>
/// Bodies whose name contains the term (any part: 「东湖」 finds 东湖县教育局), or whose code is the term. A term of two
/// characters or more is looked up in ix_bodies_name_bigrams (the OpenDataIndexes migration): the name's character
/// pairs must contain the term's pairs, then strpos confirms the order. A single character is too common for an
/// index to help; it is matched by a scan that stops at the first page in code order.
/// </summary>
public static class BodySearch
{
    public static IQueryable<Body> Matching(PortalDbContext db, string term) => term.Length >= 2
        // Two branches, not one OR: under an OR PostgreSQL re-evaluates portal_bigrams(name) on every row it
        // fetches (35 µs each, 180 ms for 「教育局」 among 100,000 bodies); alone, the pairs stay in the index.
        ? db.Bodies.FromSql($"""
            SELECT * FROM bodies WHERE portal_bigrams(name) @> portal_bigrams({term}) AND strpos(name, {term}) > 0
            UNION ALL
            SELECT * FROM bodies WHERE code = {term} AND strpos(name, {term}) = 0
            """)
        : db.Bodies.FromSql($"SELECT * FROM bodies WHERE strpos(name, {term}) > 0 OR code = {term}");
}
