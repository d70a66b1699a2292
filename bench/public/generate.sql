-- 500,000+ published reports across a realistic region tree, generated inside PostgreSQL.
--   psql -v ON_ERROR_STOP=1 -f bench/public/generate.sql DATABASE     (after --migrate and --seed-demo)
-- Tree: 10 provinces × 12 cities × 15 counties × 14 townships (codes 71…80, like 行政区划代码: 71, 7101, 710101,
-- 710101001). Bodies: every government (province, city, county, township) and 40 departments per province, city
-- and county: 104,330 bodies. Reports: one per body and year 2021–2025 = 521,650, every 20th with a published
-- correction (revision 2). Figures and prose are copies of the demo data's published revisions, each multiplied
-- by a whole factor 0–5: multiplying keeps every total equal to the sum of its parts, so the reports stay
-- consistent under the rules, while aggregates differ from body to body.
\timing on
BEGIN;

CREATE TEMP TABLE syl(i int, s text);
INSERT INTO syl SELECT i, substr('青川平安东湖南山金华长宁永和新丰清河白云龙泉桃源石门云溪宝山临江凤台', i, 1)
FROM generate_series(1, 36) i;

CREATE TEMP TABLE depts(i int, name text);
INSERT INTO depts SELECT row_number() OVER (), d FROM unnest(ARRAY[
  '教育局','财政局','公安局','民政局','司法局','人力资源和社会保障局','自然资源和规划局','生态环境分局',
  '住房和城乡建设局','交通运输局','水利局','农业农村局','商务局','文化和旅游局','卫生健康局','退役军人事务局',
  '应急管理局','审计局','市场监督管理局','统计局','医疗保障局','林业局','体育局','科学技术局','发展和改革局',
  '经济和信息化局','民族宗教事务局','信访局','综合行政执法局','人民防空办公室','档案馆','地方金融监督管理局',
  '行政审批服务局','数据资源管理局','供销合作社联合社','粮食和物资储备局','机关事务管理局','投资促进局',
  '乡村振兴局','政务服务管理办公室']) d;

CREATE FUNCTION pg_temp.nm(n int) RETURNS text IMMUTABLE LANGUAGE sql AS
$$ SELECT (SELECT s FROM syl WHERE i = 1 + (n * 7) % 36) || (SELECT s FROM syl WHERE i = 1 + (n * 13 + 5) % 36) $$;

INSERT INTO regions (code, name, level, parent_id)
SELECT (70 + p)::text, pg_temp.nm(p) || '省', 'Province', NULL FROM generate_series(1, 10) p;
INSERT INTO regions (code, name, level, parent_id)
SELECT r.code || lpad(c::text, 2, '0'), pg_temp.nm(r.id * 31 + c) || '市', 'City', r.id
FROM regions r, generate_series(1, 12) c WHERE r.level = 'Province' AND r.code ~ '^(7[1-9]|80)$';
INSERT INTO regions (code, name, level, parent_id)
SELECT r.code || lpad(c::text, 2, '0'), pg_temp.nm(r.id * 17 + c) || CASE WHEN c % 3 = 0 THEN '区' ELSE '县' END, 'County', r.id
FROM regions r, generate_series(1, 15) c WHERE r.level = 'City' AND r.code ~ '^(7[1-9]|80)[0-9]{2}$';
INSERT INTO regions (code, name, level, parent_id)
SELECT r.code || lpad(t::text, 3, '0'), pg_temp.nm(r.id * 11 + t) || CASE WHEN t % 4 = 0 THEN '街道' ELSE '镇' END, 'Township', r.id
FROM regions r, generate_series(1, 14) t WHERE r.level = 'County' AND r.code ~ '^(7[1-9]|80)[0-9]{4}$';

-- Governments: 省/市/县（区）人民政府, 镇人民政府 or 街道办事处.
INSERT INTO bodies (code, name, kind, region_id)
SELECT 'g' || r.code,
       r.name || CASE WHEN r.level = 'Township' AND r.name LIKE '%街道' THEN '办事处' ELSE '人民政府' END,
       CASE r.level WHEN 'Province' THEN 'ProvincialGovernment' WHEN 'City' THEN 'CityGovernment'
                    WHEN 'County' THEN 'CountyGovernment'
                    ELSE CASE WHEN r.name LIKE '%街道' THEN 'SubDistrictOffice' ELSE 'TownshipGovernment' END END,
       r.id
FROM regions r WHERE r.code ~ '^(7[1-9]|80)';
-- Departments of every province, city and county.
INSERT INTO bodies (code, name, kind, region_id)
SELECT 'd' || r.code || '-' || lpad(d.i::text, 2, '0'), r.name || d.name,
       CASE r.level WHEN 'Province' THEN 'ProvincialDepartment' WHEN 'City' THEN 'CityDepartment' ELSE 'CountyDepartment' END,
       r.id
FROM regions r, depts d WHERE r.code ~ '^(7[1-9]|80)' AND r.level <> 'Township';

INSERT INTO annual_reports (body_id, year)
SELECT b.id, y FROM bodies b, generate_series(2021, 2025) y WHERE b.code ~ '^[gd](7[1-9]|80)';

-- Content variants: each demo published revision times 0…5.
CREATE TEMP TABLE variants AS
SELECT row_number() OVER () - 1 AS n, t.prose,
       (SELECT coalesce(jsonb_object_agg(key, value::numeric * k), '{}') FROM jsonb_each(t.counts)) AS counts,
       (SELECT coalesce(jsonb_object_agg(key, value::numeric * k), '{}') FROM jsonb_each(t.amounts)) AS amounts
FROM (SELECT DISTINCT ON (report_id) counts, amounts, prose FROM report_revisions
      WHERE status = 'Published' ORDER BY report_id, number DESC) t, generate_series(0, 5) k;
DO $$ BEGIN IF (SELECT count(*) FROM variants) = 0 THEN
  RAISE EXCEPTION 'no published revision to copy: run the app with --migrate --seed-demo first'; END IF; END $$;

INSERT INTO report_revisions (report_id, number, format_version, status, correction_note, created_at, created_by,
    updated_at, updated_by, submitted_at, submitted_by_id, published_at, published_by_id, published_body_name, published_body_kind,
    counts, amounts, prose, explanations)
SELECT a.id, rev, '2021', 'Published', CASE WHEN rev = 2 THEN '更正表三数字' END,
       make_timestamptz(a.year + 1, 1, 5, 1, 0, 0, 'UTC'), 'bench', make_timestamptz(a.year + 1, 1, 5, 1, 0, 0, 'UTC'), 'bench',
       make_timestamptz(a.year + 1, 1, 10, 1, 0, 0, 'UTC'), 'bench',
       make_timestamptz(a.year + 1, 1, 15 + rev, 2, 0, 0, 'UTC'), 'bench-reviewer', b.name, b.kind,
       v.counts, v.amounts, v.prose, '{}'
FROM annual_reports a
JOIN bodies b ON b.id = a.body_id AND b.code ~ '^[gd](7[1-9]|80)'
CROSS JOIN LATERAL generate_series(1, CASE WHEN a.id % 20 = 0 THEN 2 ELSE 1 END) rev
JOIN variants v ON v.n = (a.id * 7 + rev) % (SELECT count(*) FROM variants);

COMMIT;
-- As a production database's tables are: autovacuum has long since processed them. Straight after a bulk insert
-- the first readers of each page set its hint bits (writes) and autovacuum's insert-triggered run competes with
-- the measured queries for the cores.
VACUUM (ANALYZE);
SELECT (SELECT count(*) FROM regions) AS regions, (SELECT count(*) FROM bodies) AS bodies,
       (SELECT count(*) FROM annual_reports) AS reports,
       (SELECT count(*) FROM report_revisions WHERE status = 'Published') AS published_revisions;
