"""The console in a real browser (headless Chromium through WebDriver), as its users work it.

Run by Tests/EndToEndTests/ConsoleBrowserTests.swift against a platform it started and seeded;
the Swift test then checks on Kafka what the clicks caused. Exits non-zero at the first step
that does not behave. With SCREENSHOTS set, saves the main pages there as PNG files.
"""
import os
import sys
import time
import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime
from zoneinfo import ZoneInfo

sys.path.insert(0, os.environ.get("KAM_SELENIUM_DIR", "/opt/kam/selenium"))
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.common.exceptions import StaleElementReferenceException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

URL = os.environ["CONSOLE_URL"]
HEAD, KAM, PASSWORD = os.environ["HEAD_LOGIN"], os.environ["KAM_LOGIN"], os.environ["PASSWORD"]
APPROVE, REJECT, KEEP = os.environ["APPROVE_ORDER"], os.environ["REJECT_ORDER"], os.environ["KEEP_ORDER"]
OTHER_CLIENT = os.environ["OTHER_KAMS_CLIENT"]
PROSPECT = os.environ["PROSPECT"]
DISCOUNT_APPROVE, DISCOUNT_REJECT = os.environ["DISCOUNT_APPROVE"], os.environ["DISCOUNT_REJECT"]
OWN_CLIENTS = os.environ["OWN_CLIENTS"].split(",")
TODAY = datetime.now(ZoneInfo("Europe/Moscow")).strftime("%d.%m.%Y")
SHOTS = os.environ.get("SCREENSHOTS")


def step(text):
    print(f"step: {text}", flush=True)


def check(condition, text):
    """Fails the run unless `condition` (a value, or a function polled for up to 10 s while a
    page loads after a click) holds."""
    if callable(condition):
        deadline = time.monotonic() + 10
        while True:
            try:
                ok = condition()
            except Exception:  # the page is being replaced under the reader
                ok = False
            if ok or time.monotonic() > deadline:
                condition = ok
                break
            time.sleep(0.2)
    if not condition:
        print(f"FAILED: {text}", flush=True)
        sys.exit(1)


def browser():
    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1366,900", "--lang=ru-RU"):
        options.add_argument(arg)
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
    driver.set_page_load_timeout(30)
    return driver


def shot(driver, name):
    if SHOTS:
        driver.save_screenshot(os.path.join(SHOTS, f"{name}.png"))


def sign_in(driver, login, password):
    driver.get(URL + "/")
    check(driver.current_url.endswith("/signin"), f"/ sends a stranger to the sign-in page, got {driver.current_url}")
    driver.find_element(By.ID, "login").send_keys(login)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.ID, "sign-in").click()


def text(driver, css):
    """The element's text as read, with no-break spaces (money, units) as plain ones; "" while
    the page is being replaced (after a click, an element found a moment ago can be gone)."""
    for _ in range(20):
        try:
            found = driver.find_elements(By.CSS_SELECTOR, css)
            return found[0].text.replace("\u00a0", " ") if found else ""
        except StaleElementReferenceException:
            time.sleep(0.1)
    return ""


def reloaded_until(driver, url, condition, what, seconds=30):
    """Opens `url` again until `condition()` holds (what a service learns arrives a moment later)."""
    deadline = time.monotonic() + seconds
    while True:
        driver.get(url)
        try:
            if condition():
                return
        except Exception:
            pass
        if time.monotonic() > deadline:
            check(False, what)
        time.sleep(0.5)


def rows(driver, css):
    """Each table row's cells as read."""
    return [[td.text.replace("\u00a0", " ") for td in tr.find_elements(By.TAG_NAME, "td")]
            for tr in driver.find_elements(By.CSS_SELECTOR, css)]


def order_history(driver, order_id, steps):
    """The order page's history as (what, who, comment) once it has `steps` rows."""
    css = "#history tr[class^=event-]"
    reloaded_until(driver, URL + f"/orders/{urllib.parse.quote(order_id, safe='')}", lambda: len(rows(driver, css)) == steps,
                   f"{order_id}'s history has {steps} steps")
    return [(r[1], r[2], r[3]) for r in rows(driver, css)]


def decide(driver, order_id, button, comment):
    row = driver.find_element(By.ID, f"hold-{order_id}")
    row.find_element(By.NAME, "comment").send_keys(comment)
    row.find_element(By.CSS_SELECTOR, f"button.{button}").click()


def sign_in_status(login, password):
    """A sign-in as a script would post it, with the form's token and cookie: the HTTP status."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    page = opener.open(URL + "/signin").read().decode()
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"csrf": csrf, "login": login, "password": password}).encode()
    try:
        return opener.open(urllib.request.Request(URL + "/signin", data=form, method="POST")).status
    except urllib.error.HTTPError as e:
        return e.code


def main():
    driver = browser()
    try:
        step("a wrong password is refused")
        sign_in(driver, HEAD, "wrong password")
        check(lambda: "Неверный логин или пароль" in text(driver, "#flash"), f"wrong password message, got {text(driver, '#flash')!r}")
        shot(driver, "signin")

        step("the head signs in and sees the hold queue in Russian")
        driver.find_element(By.ID, "login").clear()
        sign_in(driver, HEAD, PASSWORD)
        check(lambda: driver.current_url.endswith("/holds"), f"the head lands on /holds, got {driver.current_url}")
        check("Руководитель" in text(driver, "#who"), f"the head's name is shown, got {text(driver, '#who')!r}")
        for order in (APPROVE, REJECT, KEEP):
            check(driver.find_elements(By.ID, f"hold-{order}"), f"{order} is in the credit hold queue")
        check("₽" in text(driver, f"#hold-{APPROVE}"), "money is shown in roubles")
        shot(driver, "holds")

        step("a decision posted without its anti-forgery token is refused and changes nothing")
        driver.execute_script(
            "document.querySelectorAll(arguments[0]).forEach(e => e.remove())", f"#hold-{REJECT} input[name=csrf]")
        decide(driver, REJECT, "reject", "без токена")
        check(lambda: "Форма устарела" in text(driver, "#error"), f"the forged form gets a refusal page, got {text(driver, '#error')!r}")
        driver.get(URL + "/holds")
        check(driver.find_elements(By.ID, f"hold-{REJECT}"), f"{REJECT} is still on hold after the forged post")

        step(f"the head approves {APPROVE}")
        decide(driver, APPROVE, "approve", "согласовано, оплата по графику")
        check(lambda: f"Заказ {APPROVE} одобрен." in text(driver, "#flash"), f"approval confirmed, got {text(driver, '#flash')!r}")
        check(not driver.find_elements(By.ID, f"hold-{APPROVE}"), f"{APPROVE} left the queue")

        step(f"the head rejects {REJECT}")
        decide(driver, REJECT, "reject", "превышен лимит, нужна предоплата")
        check(lambda: f"Заказ {REJECT} отклонён." in text(driver, "#flash"), f"rejection confirmed, got {text(driver, '#flash')!r}")

        step("the head approves a discount above the KAM's authority and rejects another")
        for order in (DISCOUNT_APPROVE, DISCOUNT_REJECT):
            check(driver.find_elements(By.CSS_SELECTOR, f"#discount-holds #hold-{order}"), f"{order} waits for a discount decision")
        check("10,00 %" in text(driver, f"#hold-{DISCOUNT_APPROVE}"), f"the requested discount, got {text(driver, '#hold-' + DISCOUNT_APPROVE)!r}")
        decide(driver, DISCOUNT_APPROVE, "approve", "разовая акция для сети")
        check(lambda: f"Заказ {DISCOUNT_APPROVE} одобрен." in text(driver, "#flash"), f"discount approved, got {text(driver, '#flash')!r}")
        decide(driver, DISCOUNT_REJECT, "reject", "скидка не согласована")
        check(lambda: f"Заказ {DISCOUNT_REJECT} отклонён." in text(driver, "#flash"), f"discount rejected, got {text(driver, '#flash')!r}")
        check(not driver.find_elements(By.CSS_SELECTOR, "#discount-holds"), "no discount waits any more")

        step("the order page shows every decision in time order")
        placed_and_held = [("Заказ получен", "—", ""), ("Задержан", "—", "")]
        for order, expected in [
            (DISCOUNT_APPROVE, placed_and_held + [("Скидка одобрена", HEAD, "разовая акция для сети"), ("Подтверждён", HEAD, "")]),
            (DISCOUNT_REJECT, placed_and_held + [("Отклонён", HEAD, "скидка не согласована")]),
            (APPROVE, placed_and_held + [("Кредит одобрен", HEAD, "согласовано, оплата по графику"), ("Подтверждён", HEAD, "")]),
        ]:
            steps = order_history(driver, order, len(expected))
            check(steps == expected, f"{order}'s history, got {steps}")
        check("подтверждён" in text(driver, "#order-status"), f"the order's status reads in Russian, got {text(driver, '#order-status')!r}")
        shot(driver, "order")

        step("the client's credit and orders, and the order list")
        driver.get(URL + f"/clients/{urllib.parse.quote(OTHER_CLIENT, safe='')}")
        check("5 000,00 ₽" in text(driver, "#credit"), f"the client's limit, got {text(driver, '#credit')!r}")
        shot(driver, "client")
        driver.get(URL + "/orders")
        check(driver.find_elements(By.CSS_SELECTOR, "#orders tr"), "the order list has rows")
        shot(driver, "orders")

        step("English can be chosen")
        driver.find_element(By.ID, "language").click()
        check(lambda: "Decision queue" in driver.page_source, "the navigation reads in English")
        driver.find_element(By.ID, "language").click()
        check(lambda: "Очередь решений" in driver.page_source, "and back in Russian")

        step("the head signs out")
        driver.find_element(By.ID, "sign-out").click()
        check(lambda: driver.current_url.endswith("/signin"), "sign-out ends on the sign-in page")
        driver.get(URL + "/holds")
        check(lambda: driver.current_url.endswith("/signin"), "after sign-out the queue asks for sign-in again")

        step("a KAM starts from its week; next week's plan calls the prospect")
        sign_in(driver, KAM, PASSWORD)
        check(lambda: driver.current_url.endswith("/week"), f"a KAM lands on its week, got {driver.current_url}")
        shot(driver, "week")
        driver.find_element(By.ID, "next-week").click()
        entry = f"plan-call-{PROSPECT}"
        check(lambda: driver.find_elements(By.ID, entry), f"next week's plan calls {PROSPECT}")
        check("Потенциальный клиент" in text(driver, f"#{entry}"), f"the call's reason, got {text(driver, '#' + entry)!r}")

        step("the KAM logs the call in place and the plan changes")
        row = driver.find_element(By.ID, entry)
        row.find_element(By.NAME, "outcome").send_keys("договорились о встрече")
        row.find_element(By.CSS_SELECTOR, "button.log").click()
        check(lambda: f"Звонок клиенту {PROSPECT} записан." in text(driver, "#flash"), f"call logged, got {text(driver, '#flash')!r}")
        check(not driver.find_elements(By.ID, entry), f"{PROSPECT} is no longer called next week once a call is logged")

        step("the KAM's clients: its own only, with credit and the call just logged")
        driver.find_element(By.ID, "nav-my-clients").click()
        check(lambda: driver.find_elements(By.ID, "my-clients"), "the KAM's client list")
        listed = [r[0] for r in rows(driver, "#my-clients tr[id^=client-]")]
        check(listed == OWN_CLIENTS, f"the KAM's own clients, got {listed}")
        check("90 000,00 ₽" in text(driver, f"#client-{OWN_CLIENTS[0]}"), f"the limit, got {text(driver, '#client-' + OWN_CLIENTS[0])!r}")
        check(TODAY in text(driver, f"#client-{PROSPECT}"), f"today's call as last contact, got {text(driver, '#client-' + PROSPECT)!r}")
        check(not driver.find_elements(By.ID, "kam-choice"), "a KAM is offered no choice of KAM")
        check(not driver.find_elements(By.PARTIAL_LINK_TEXT, "Дальше"), "one page of clients offers no next page")
        shot(driver, "my-clients")
        driver.get(URL + "/my-clients?kamId=kam-ivanova")
        listed = [r[0] for r in rows(driver, "#my-clients tr[id^=client-]")]
        check(listed == OWN_CLIENTS, f"another kamId in the URL still lists the KAM's own clients, got {listed}")

        step("a KAM opening another KAM's client gets a refusal page")
        driver.get(URL + f"/clients/{urllib.parse.quote(OTHER_CLIENT, safe='')}")
        check("Нет доступа" in text(driver, "#error"), f"refusal page for another KAM's client, got {text(driver, '#error')!r}")
        shot(driver, "refusal")

        step("the head's actions are not offered to a KAM, and refused when forged")
        driver.get(URL + "/holds")
        check(not driver.find_elements(By.CSS_SELECTOR, "button.approve"), "no approve button for a KAM")
        csrf = driver.find_element(By.CSS_SELECTOR, "form[action='/signout'] input[name=csrf]").get_attribute("value")
        cookie = driver.get_cookie("kam_session")["value"]
        request = urllib.request.Request(
            URL + f"/holds/{urllib.parse.quote(KEEP, safe='')}/decision", method="POST",
            data=urllib.parse.urlencode({"csrf": csrf, "decision": "approve", "kind": "credit"}).encode(),
            headers={"Cookie": f"kam_session={cookie}", "Content-Type": "application/x-www-form-urlencoded"})
        try:
            status = urllib.request.urlopen(request).status
        except urllib.error.HTTPError as e:
            status = e.code
        check(status == 403, f"a KAM's forged decision is refused with 403, got {status}")

        step("failed sign-ins lock the login for a while, even with the right password after them")
        statuses = [sign_in_status(KAM, f"wrong {i}") for i in range(5)] + [sign_in_status(KAM, PASSWORD)]
        check(statuses == [401] * 5 + [429], f"five failures then a lock, got {statuses}")
        print("all steps passed", flush=True)
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
