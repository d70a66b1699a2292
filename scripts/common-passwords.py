#!/usr/bin/env python3
"""Writes src/DisclosurePortal.Web/Accounts/common-passwords.txt: passwords that attackers try first.

NIST SP 800-63B §5.1.1.2 asks verifiers to refuse passwords found in lists of commonly used or compromised
values. This list is written by hand (the well-known top entries of public leak statistics, with the Chinese
favourites such as woaini1314 and 1qaz2wsx) and expanded with the patterns people use to reach 8 characters:
repeated and sequential digits, keyboard walks, dates, and common words with common suffixes. Only entries
of 8 or more characters are kept, since shorter ones fail the length rule anyway. Run it again after editing.
"""
import itertools, pathlib

core = """
12345678 123456789 1234567890 0123456789 87654321 987654321 9876543210 11111111 00000000 88888888 66666666
12341234 12121212 11223344 11112222 12344321 11111111a 123123123 123321123 147258369 159753123 147852369
123456abc 12345678a a12345678 abc12345 abcd1234 abcd12345 abc123456 abc12345678 aa123456 aa12345678
password password1 password12 password123 password1234 passw0rd p@ssw0rd p@ssword pass1234 password!
qwerty123 qwertyui qwertyuiop qwerty12 qwerty1234 qwer1234 asdf1234 asdfghjk asdfghjkl zxcvbnm1 zxcvbnm123
1qaz2wsx 1qaz2wsx3edc 1q2w3e4r 1q2w3e4r5t 1q2w3e4r5t6y qazwsxedc qazwsx123 zaq12wsx 1qazxsw2 2wsx3edc
woaini1314 woaini520 woaini123 woaini12 woaini1234 woaiwojia 5201314520 52013145201314 1314520520
iloveyou iloveyou1 iloveyou123 loveyou1 princess sunshine football baseball superman batman123 starwars
welcome1 welcome123 letmein1 letmein123 trustno1 dragon123 monkey123 master123 shadow123 michael1
admin123 admin1234 admin12345 administrator root1234 rootroot toor1234 test1234 test12345 testtest
changeme changeme1 default1 guest123 user1234 qwertyqwerty 1234qwer 1234asdf 123qweasd 123qweasdzxc
qweasdzxc qweasd123 zxcasdqwe asd123456 qwe123456 zxc123456 qwe12345 asdasdasd qweqweqwe zxczxczxc
aaaaaaaa abcdefgh abcdefg1 abcdefgh1 a1b2c3d4 a1b2c3d4e5 1a2b3c4d q1w2e3r4 q1w2e3r4t5 z1x2c3v4
iloveu1314 aini1314 wo5201314 520520520 woshishui nihao123 nihao1234 zhang123 wang1234 liu123456
zhangwei zhangwei123 wangwei123 lilei123 huawei123 xiaomi123 taobao123 baidu123 qq123456 qq12345678
gov12345 zhengfu123 zhengwu123 gongkai123 xinxi123 xinxigongkai admin888 admin666 admin520 admin@123
Admin@123 Admin123 Admin1234 Aa123456 Aa12345678 Aa123456789 Abc12345 Abc123456 Qwer1234 Password1
Password123 Passw0rd Pa55w0rd P@ssw0rd P@ssw0rd1 Welcome1 Welcome123 Qwerty123 Asdf1234 Zxcv1234
1234abcd 123456aa 123456qq 123456as 123456zx 123456789a 123456789q 12345qwert 12345asdf 123abc123
sunshine1 football1 charlie1 jordan23 michelle liverpool chelsea1 arsenal1 computer internet
whatever1 freedom1 mustang1 jennifer jessica1 ashley123 daniel123 thomas123 hunter123 killer123
matrix123 samsung1 iphone123 google123 facebook yahoo123 hotmail1 gmail123 outlook1 microsoft
"""
words = [w for w in core.split()]

bases = ["password", "woaini", "qwerty", "abc", "abcd", "admin", "iloveyou", "love", "woaini1314", "aini",
         "asdf", "zxcv", "qwer", "test", "pass", "user", "root", "china", "beijing", "shanghai", "guangzhou",
         "shenzhen", "zhongguo", "welcome", "hello", "nihao", "wangyi", "tianya", "xiaoming", "xiaohong",
         "zhangsan", "lisi", "wangwu", "dragon", "monkey", "master", "super", "qazwsx", "q1w2e3", "a123",
         "aa", "qq", "wo", "ai", "sb", "mm", "gg", "hh", "asd", "qwe", "zxc", "wang", "zhang", "liu", "chen",
         "yang", "huang", "zhao", "zhou", "wu", "xu", "sun", "ma", "zhu", "hu", "guo", "he", "lin", "luo"]
suffixes = ["1", "12", "123", "1234", "12345", "123456", "123456789", "520", "1314", "5201314", "888",
            "8888", "666", "6666", "000", "111", "2008", "2010", "2012", "2018", "2019", "2020", "2021",
            "2022", "2023", "2024", "2025", "2026", "!", "@123", "!@#", "#123", "@2024", "@2025", "1!", "0"]
for b, s in itertools.product(bases, suffixes):
    words += [b + s, b.capitalize() + s]

digits = "0123456789"
for d in digits:
    for n in range(8, 17):
        words.append(d * n)
for n in range(8, 11):
    for start in range(0, 11 - n):
        words.append(digits[start:start + n])
    words.append("1234567890"[:n])
    words.append("9876543210"[:n])
for c in "abcdefghijklmnopqrstuvwxyz":
    words.append(c * 8)
for pair in ["12", "13", "14", "52", "66", "88", "99", "00", "11", "21", "69", "01", "10", "98", "ab", "aa"]:
    words.append(pair * 4)
    words.append(pair * 5)
for tri in ["123", "321", "456", "789", "147", "258", "369", "520", "abc", "qwe", "asd", "zxc"]:
    words.append(tri * 3)
    words.append(tri * 4)
for quad in ["1234", "4321", "1122", "1212", "5678", "abcd", "qwer", "asdf", "zxcv", "1314", "5201", "6688"]:
    words.append(quad * 2)
    words.append(quad * 3)
# Birthdays written as YYYYMMDD are among the commonest choices in Chinese leaks; the first of each month
# of the years 1960–2010 keeps the list small while covering the typical form.
for y in range(1960, 2011):
    for m in range(1, 13):
        words.append(f"{y}{m:02d}01")
    words.append(f"{y}{y}")
    words.append(f"woaini{y}")
    words.append(f"abc{y}")

seen, out = set(), []
for w in words:
    key = w.lower()
    if len(w) >= 8 and key not in seen:
        seen.add(key)
        out.append(key)
target = pathlib.Path(__file__).resolve().parent.parent / "src/DisclosurePortal.Web/Accounts/common-passwords.txt"
target.write_text("".join(p + "\n" for p in out), encoding="utf-8")
print(f"{len(out)} passwords written to {target}")
