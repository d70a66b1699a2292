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
        ? db.Bodies.FromSql($"""
            SELECT * FROM bodies
            WHERE (portal_bigrams(name) @> portal_bigrams({term}) AND strpos(name, {term}) > 0) OR code = {term}
            """)
        : db.Bodies.FromSql($"SELECT * FROM bodies WHERE strpos(name, {term}) > 0 OR code = {term}");
}
