/// The console's page templates (Mustache; `{{…}}` escapes HTML). Every text comes from
/// `t`, the language's texts; values arrive already formatted for people.
enum Templates {
    static let all: [String: String] = [
        "layout": layout, "signin": signIn, "holds": holds, "orders": orders, "order": order,
        "client": client, "error": error, "ageing": ageing, "scorecards": scorecards, "scorecard": scorecard,
        "week": week, "collections": collections, "myClients": myClients,
    ]

    static let layout = """
    <!doctype html>
    <html lang="{{lang}}">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}} · {{t.app.title}}</title>
    <style>
    :root { --ink:#1d2733; --muted:#5f6b7a; --line:#dde3ea; --accent:#1f5fa8; --ok:#1d7a46; --bad:#b3261e; --bg:#f5f7fa; }
    * { box-sizing: border-box; }
    body { margin:0; font:15px/1.45 system-ui, "Segoe UI", Roboto, sans-serif; color:var(--ink); background:var(--bg); }
    header { background:#fff; border-bottom:1px solid var(--line); display:flex; align-items:center; gap:16px; padding:10px 24px; }
    header .brand { font-weight:600; color:var(--accent); white-space:nowrap; }
    header nav { display:flex; flex-wrap:wrap; }
    header nav a { color:var(--ink); text-decoration:none; margin-right:14px; white-space:nowrap; }
    header nav a.active { color:var(--accent); font-weight:600; }
    header .who { margin-left:auto; color:var(--muted); display:flex; gap:8px; align-items:center; white-space:nowrap; font-size:14px; }
    header form { margin:0; }
    main { max-width:1320px; margin:24px auto; padding:0 24px; }
    h1 { font-size:22px; margin:0 0 16px; } h2 { font-size:17px; margin:28px 0 10px; }
    table { width:100%; border-collapse:collapse; background:#fff; border:1px solid var(--line); }
    th, td { text-align:left; padding:8px 10px; border-bottom:1px solid var(--line); vertical-align:top; }
    th { font-weight:600; color:var(--muted); font-size:13px; background:#fafbfc; }
    td.num, th.num { text-align:right; white-space:nowrap; font-variant-numeric: tabular-nums; }
    .card { background:#fff; border:1px solid var(--line); padding:16px 20px; margin-bottom:16px; }
    .grid { display:grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap:12px 24px; }
    .grid dt { color:var(--muted); font-size:13px; } .grid dd { margin:0; font-size:17px; font-variant-numeric: tabular-nums; }
    .flash { padding:10px 14px; margin-bottom:16px; border-left:4px solid var(--ok); background:#eef8f1; }
    .flash.error { border-color:var(--bad); background:#fdf0ef; }
    .reason { display:block; margin-bottom:4px; } .reason small { display:block; color:var(--muted); font-size:12px; }
    td.id { white-space:nowrap; } input.comment { width:150px; }
    .muted { color:var(--muted); } td.bad { color:var(--bad); }
    button, .button { font:inherit; padding:5px 12px; border:1px solid var(--line); background:#fff; cursor:pointer; border-radius:3px; }
    button.approve { border-color:var(--ok); color:var(--ok); } button.reject { border-color:var(--bad); color:var(--bad); }
    button.primary { background:var(--accent); border-color:var(--accent); color:#fff; }
    input, select { font:inherit; padding:5px 8px; border:1px solid var(--line); border-radius:3px; }
    form.inline { display:flex; gap:6px; align-items:center; flex-wrap:wrap; margin:0; }
    .signin { max-width:360px; margin:80px auto; } .signin label { display:block; margin:12px 0 4px; } .signin input { width:100%; }
    .status { font-size:13px; padding:1px 8px; border-radius:10px; background:#eef1f5; white-space:nowrap; }
    .status.confirmed, .status.completed { background:#e4f4ea; color:var(--ok); } .status.rejected { background:#fbe9e7; color:var(--bad); }
    .status.on_hold { background:#fff4dc; color:#8a5a00; }
    svg.chart { max-width:100%; height:auto; display:block; margin:4px 0 12px; }
    tr.total td { font-weight:600; background:#fafbfc; }
    form.stacked label { display:inline-block; margin-right:12px; } form.stacked input { width:160px; }
    </style>
    </head>
    <body>
    {{#user}}
    <header>
      <span class="brand" title="{{t.app.title}}">{{t.app.brand}}</span>
      <nav>
        <a href="/week" class="{{#nav.week}}active{{/nav.week}}">{{t.nav.week}}</a>
        <a href="/my-clients" id="nav-my-clients" class="{{#nav.myClients}}active{{/nav.myClients}}">{{t.nav.myClients}}</a>
        <a href="/holds" class="{{#nav.holds}}active{{/nav.holds}}">{{t.nav.holds}}</a>
        <a href="/orders" class="{{#nav.orders}}active{{/nav.orders}}">{{t.nav.orders}}</a>
        <a href="/collections" class="{{#nav.collections}}active{{/nav.collections}}">{{t.nav.collections}}</a>
        <a href="/ageing" class="{{#nav.ageing}}active{{/nav.ageing}}">{{t.nav.ageing}}</a>
        <a href="/scorecards" class="{{#nav.scorecards}}active{{/nav.scorecards}}">{{t.nav.scorecards}}</a>
      </nav>
      <span class="who">
        <span id="who" title="{{user.roleName}}">{{user.displayName}}</span>
        <form method="post" action="/language"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" id="language">{{t.nav.language}}</button></form>
        <form method="post" action="/signout"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" id="sign-out">{{t.nav.signOut}}</button></form>
      </span>
    </header>
    {{/user}}
    <main>
    {{#flash}}<div class="flash {{kind}}" id="flash">{{text}}</div>{{/flash}}
    {{$content}}{{/content}}
    </main>
    </body>
    </html>
    """

    static let signIn = """
    {{<layout}}{{$content}}
    <div class="signin card">
      <h1>{{t.signIn.title}}</h1>
      <form method="post" action="/signin">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="lang" value="{{lang}}">
        <label for="login">{{t.signIn.login}}</label><input id="login" name="login" autocomplete="username" required value="{{login}}">
        <label for="password">{{t.signIn.password}}</label><input id="password" name="password" type="password" autocomplete="current-password" required>
        <p><button type="submit" class="primary" id="sign-in">{{t.signIn.submit}}</button></p>
      </form>
    </div>
    {{/content}}{{/layout}}
    """

    static let holds = """
    {{<layout}}{{$content}}
    <h1>{{t.holds.title}}</h1>
    <h2>{{t.holds.credit}}</h2>
    {{^creditHolds}}<p class="muted">{{t.holds.empty}}</p>{{/creditHolds}}
    {{#hasCreditHolds}}
    <table id="credit-holds">
      <tr><th>{{t.holds.order}}</th><th>{{t.holds.client}}</th><th>{{t.holds.kam}}</th><th class="num">{{t.holds.total}}</th>
          <th>{{t.holds.reasons}}</th><th class="num">{{t.holds.exposure}}</th><th class="num">{{t.holds.limit}}</th><th class="num">{{t.holds.available}}</th><th>{{t.holds.heldAt}}</th><th></th></tr>
      {{#creditHolds}}
      <tr id="hold-{{orderId}}">
        <td class="id"><a href="/orders/{{orderPath}}">{{orderId}}</a></td><td class="id"><a href="/clients/{{clientPath}}">{{clientId}}</a></td><td>{{kamId}}</td>
        <td class="num">{{total}}</td>
        <td>{{#reasons}}<span class="reason" title="{{code}}">{{label}}<small>{{message}}</small></span>{{/reasons}}</td>
        <td class="num">{{exposure}}</td><td class="num">{{limit}}</td><td class="num">{{available}}</td><td>{{heldAt}}</td>
        <td>{{#canDecide}}
          <form class="inline" method="post" action="/holds/{{orderPath}}/decision">
            <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="kind" value="credit">
            <input class="comment" name="comment" placeholder="{{t.holds.comment}}" aria-label="{{t.holds.comment}}">
            <button class="approve" name="decision" value="approve">{{t.holds.approve}}</button>
            <button class="reject" name="decision" value="reject">{{t.holds.reject}}</button>
          </form>{{/canDecide}}{{^canDecide}}<span class="muted">{{t.holds.readOnly}}</span>{{/canDecide}}</td>
      </tr>
      {{/creditHolds}}
    </table>
    {{/hasCreditHolds}}
    <h2>{{t.holds.discount}}</h2>
    {{^discountHolds}}<p class="muted">{{t.holds.empty}}</p>{{/discountHolds}}
    {{#hasDiscountHolds}}
    <table id="discount-holds">
      <tr><th>{{t.holds.order}}</th><th>{{t.holds.client}}</th><th>{{t.holds.kam}}</th><th class="num">{{t.holds.total}}</th>
          <th class="num">{{t.holds.discountRequested}}</th><th>{{t.holds.reasons}}</th><th></th></tr>
      {{#discountHolds}}
      <tr id="hold-{{orderId}}">
        <td class="id"><a href="/orders/{{orderPath}}">{{orderId}}</a></td><td class="id"><a href="/clients/{{clientPath}}">{{clientId}}</a></td><td>{{kamId}}</td>
        <td class="num">{{total}}</td><td class="num">{{discount}}</td>
        <td>{{#reasons}}<span class="reason" title="{{code}}">{{label}}<small>{{message}}</small></span>{{/reasons}}</td>
        <td>{{#canDecide}}
          <form class="inline" method="post" action="/holds/{{orderPath}}/decision">
            <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="kind" value="discount">
            <input class="comment" name="comment" placeholder="{{t.holds.comment}}" aria-label="{{t.holds.comment}}">
            <button class="approve" name="decision" value="approve">{{t.holds.approve}}</button>
            <button class="reject" name="decision" value="reject">{{t.holds.reject}}</button>
          </form>{{/canDecide}}{{^canDecide}}<span class="muted">{{t.holds.readOnly}}</span>{{/canDecide}}</td>
      </tr>
      {{/discountHolds}}
    </table>
    {{/hasDiscountHolds}}
    {{/content}}{{/layout}}
    """

    static let orders = """
    {{<layout}}{{$content}}
    <h1>{{t.orders.title}}</h1>
    <form class="inline card" method="get" action="/orders">
      <label>{{t.orders.client}} <input name="clientId" value="{{clientId}}"></label>
      <label>{{t.orders.status}} <select name="status"><option value="">{{t.orders.any}}</option>
        {{#statuses}}<option value="{{value}}" {{#selected}}selected{{/selected}}>{{name}}</option>{{/statuses}}</select></label>
      <button type="submit">{{t.orders.search}}</button>
    </form>
    {{^orders}}<p class="muted">{{t.orders.empty}}</p>{{/orders}}
    {{#hasOrders}}
    <table id="orders">
      <tr><th>{{t.holds.order}}</th><th>{{t.orders.date}}</th><th>{{t.orders.client}}</th><th>{{t.holds.kam}}</th><th>{{t.orders.status}}</th><th class="num">{{t.orders.total}}</th></tr>
      {{#orders}}
      <tr><td><a href="/orders/{{orderPath}}">{{orderId}}</a></td><td>{{date}}</td><td><a href="/clients/{{clientPath}}">{{clientId}}</a></td><td>{{kamId}}</td>
          <td><span class="status {{status}}">{{statusName}}</span></td><td class="num">{{total}}</td></tr>
      {{/orders}}
    </table>
    {{/hasOrders}}
    {{#nextLink}}<p><a class="button" href="{{nextLink}}">{{t.orders.next}} →</a></p>{{/nextLink}}
    {{/content}}{{/layout}}
    """

    static let order = """
    {{<layout}}{{$content}}
    {{#order}}
    <h1>{{heading}} <span class="status {{status}}" id="order-status">{{statusName}}</span></h1>
    <div class="card"><dl class="grid">
      <div><dt>{{t.orders.client}}</dt><dd><a href="/clients/{{clientPath}}">{{clientId}}</a></dd></div>
      <div><dt>{{t.holds.kam}}</dt><dd>{{kamId}}</dd></div>
      <div><dt>{{t.orders.date}}</dt><dd>{{date}}</dd></div>
      <div><dt>{{t.order.delivery}}</dt><dd>{{delivery}}</dd></div>
      <div><dt>{{t.order.discount}}</dt><dd>{{discount}}</dd></div>
      <div><dt>{{t.order.total}}</dt><dd id="order-total">{{total}}</dd></div>
      {{#approvedBy}}<div><dt>{{t.order.decidedBy}}</dt><dd>{{approvedBy}}</dd></div>{{/approvedBy}}
      {{#decidedAt}}<div><dt>{{t.order.decidedAt}}</dt><dd>{{decidedAt}}</dd></div>{{/decidedAt}}
    </dl></div>
    {{#hasReasons}}<h2>{{t.order.reasons}}</h2><div class="card">{{#reasons}}<span class="reason" title="{{code}}">{{label}}<small>{{message}}</small></span>{{/reasons}}</div>{{/hasReasons}}
    {{#hasHistory}}<h2>{{t.order.history}}</h2>
    <table id="history">
      <tr><th>{{t.order.when}}</th><th>{{t.order.event}}</th><th>{{t.order.decidedBy}}</th><th>{{t.order.comment}}</th><th>{{t.order.reasons}}</th></tr>
      {{#history}}<tr class="event-{{event}}"><td>{{at}}</td><td>{{name}}</td><td>{{by}}</td><td>{{comment}}</td>
        <td>{{#reasons}}<span class="reason" title="{{code}}">{{label}}<small>{{message}}</small></span>{{/reasons}}</td></tr>{{/history}}
    </table>{{/hasHistory}}
    <h2>{{t.order.lines}}</h2>
    <table id="lines">
      <tr><th class="num">{{t.order.line}}</th><th>{{t.order.sku}}</th><th class="num">{{t.order.quantity}}</th><th class="num">{{t.order.price}}</th><th class="num">{{t.order.lineTotal}}</th></tr>
      {{#lines}}<tr><td class="num">{{lineNo}}</td><td>{{sku}}</td><td class="num">{{quantity}}</td><td class="num">{{price}}</td><td class="num">{{lineTotal}}</td></tr>{{/lines}}
    </table>
    {{/order}}
    {{/content}}{{/layout}}
    """

    static let client = """
    {{<layout}}{{$content}}
    {{#credit}}
    <h1>{{heading}}</h1>
    <h2>{{t.client.credit}}</h2>
    <div class="card"><dl class="grid" id="credit">
      <div><dt>{{t.client.limit}}</dt><dd>{{limit}}</dd></div>
      <div><dt>{{t.client.exposure}}</dt><dd>{{exposure}}</dd></div>
      <div><dt>{{t.client.available}}</dt><dd>{{available}}</dd></div>
      <div><dt>{{t.client.openReceivables}}</dt><dd>{{openReceivables}}</dd></div>
      <div><dt>{{t.client.openOrders}}</dt><dd>{{openOrders}}</dd></div>
      <div><dt>{{t.client.overdue}}</dt><dd>{{overdue}}</dd></div>
      <div><dt>{{t.client.risk}}</dt><dd>{{risk}}</dd></div>
      <div><dt>{{t.holds.kam}}</dt><dd>{{kamId}}</dd></div>
    </dl></div>
    {{/credit}}
    {{#canChangeLimit}}
    <form class="inline card" id="limit-form" method="post" action="/clients/{{clientPath}}/credit-limit">
      <input type="hidden" name="csrf" value="{{csrf}}">
      <label>{{t.client.newLimit}} <input name="creditLimit" value="{{limitInput}}" required></label>
      <label>{{t.client.reason}} <input name="reason" required></label>
      <button type="submit" class="primary">{{t.client.changeLimit}}</button>
    </form>
    {{/canChangeLimit}}
    {{#hasLimitChanges}}
    <h2>{{t.client.limitHistory}}</h2>
    <table id="limit-history">
      <tr><th>{{t.client.changedAt}}</th><th class="num">{{t.client.oldLimit}}</th><th class="num">{{t.client.newLimit}}</th><th>{{t.client.source}}</th><th>{{t.client.changedBy}}</th><th>{{t.client.reason}}</th></tr>
      {{#limitChanges}}<tr><td>{{at}}</td><td class="num">{{old}}</td><td class="num">{{new}}</td><td>{{source}}</td><td>{{by}}</td><td>{{reason}}</td></tr>{{/limitChanges}}
    </table>
    {{/hasLimitChanges}}
    {{#statement}}
    <h2>{{t.client.statement}} {{asOf}}</h2>
    <div class="card"><dl class="grid" id="statement">
      <div><dt>{{t.client.outstanding}}</dt><dd>{{outstanding}}</dd></div>
      <div><dt>{{t.client.overdue}}</dt><dd>{{overdue}}</dd></div>
      <div><dt>{{t.client.unapplied}}</dt><dd>{{unapplied}}</dd></div>
      <div><dt>{{t.client.balance}}</dt><dd>{{balance}}</dd></div>
    </dl></div>
    {{#hasInvoices}}
    <table id="open-invoices">
      <tr><th>{{t.client.invoice}}</th><th>{{t.holds.order}}</th><th>{{t.client.issuedOn}}</th><th>{{t.client.dueDate}}</th>
          <th class="num">{{t.client.amount}}</th><th class="num">{{t.client.outstanding}}</th><th class="num">{{t.collections.days}}</th></tr>
      {{#invoices}}<tr><td class="id">{{invoiceId}}</td><td class="id">{{orderId}}</td><td>{{issuedOn}}</td><td>{{dueDate}}</td>
          <td class="num">{{amount}}</td><td class="num">{{outstanding}}</td><td class="num">{{#isOverdue}}<span class="status rejected">{{daysOverdue}}</span>{{/isOverdue}}{{^isOverdue}}—{{/isOverdue}}</td></tr>{{/invoices}}
    </table>
    {{/hasInvoices}}
    {{/statement}}
    {{#sales}}{{#hasMonths}}
    <h2>{{t.client.history}}</h2>
    <div class="card">{{{chart}}}</div>
    <table id="sales-history">
      <tr><th>{{t.scorecards.month}}</th><th class="num">{{t.scorecard.turnover}}</th><th class="num">{{t.client.credited}}</th>
          <th class="num">{{t.status.confirmed}}</th><th class="num">{{t.status.rejected}}</th><th class="num">{{t.status.cancelled}}</th><th class="num">{{t.client.held}}</th></tr>
      {{#months}}<tr><td>{{month}}</td><td class="num">{{turnover}}</td><td class="num">{{credited}}</td><td class="num">{{confirmed}}</td>
          <td class="num">{{rejected}}</td><td class="num">{{cancelled}}</td><td class="num">{{held}}</td></tr>{{/months}}
    </table>
    {{/hasMonths}}{{/sales}}
    <h2>{{t.client.orders}}</h2>
    {{^orders}}<p class="muted">{{t.orders.empty}}</p>{{/orders}}
    {{#hasOrders}}
    <table id="orders">
      <tr><th>{{t.holds.order}}</th><th>{{t.orders.date}}</th><th>{{t.orders.status}}</th><th class="num">{{t.orders.total}}</th></tr>
      {{#orders}}<tr><td><a href="/orders/{{orderPath}}">{{orderId}}</a></td><td>{{date}}</td><td><span class="status {{status}}">{{statusName}}</span></td><td class="num">{{total}}</td></tr>{{/orders}}
    </table>
    {{/hasOrders}}
    {{/content}}{{/layout}}
    """

    static let ageing = """
    {{<layout}}{{$content}}
    <h1>{{t.ageing.title}}</h1>
    <form class="inline card" method="get" action="/ageing">
      <label>{{t.ageing.asOf}} <input type="date" name="asOf" value="{{asOf}}"></label>
      {{^isKam}}<label>{{t.holds.kam}} <input name="kamId" value="{{kamId}}"></label>{{/isKam}}
      <button type="submit">{{t.orders.search}}</button>
    </form>
    <div class="card">{{{chart}}}</div>
    <table id="ageing">
      <tr><th>{{t.orders.client}}</th><th>{{t.holds.kam}}</th><th class="num">{{t.ageing.notDue}}</th><th class="num">{{t.ageing.d1to30}}</th>
          <th class="num">{{t.ageing.d31to60}}</th><th class="num">{{t.ageing.d61to90}}</th><th class="num">{{t.ageing.over90}}</th><th class="num">{{t.ageing.total}}</th></tr>
      {{#totals}}<tr class="total" id="ageing-totals"><td>{{t.ageing.all}}</td><td></td><td class="num">{{notDue}}</td><td class="num">{{d1to30}}</td><td class="num">{{d31to60}}</td>
          <td class="num">{{d61to90}}</td><td class="num">{{over90}}</td><td class="num">{{total}}</td></tr>{{/totals}}
      {{#clients}}<tr><td class="id"><a href="/clients/{{clientPath}}">{{clientId}}</a></td><td>{{kamId}}</td><td class="num">{{notDue}}</td><td class="num">{{d1to30}}</td>
          <td class="num">{{d31to60}}</td><td class="num">{{d61to90}}</td><td class="num">{{over90}}</td><td class="num">{{total}}</td></tr>{{/clients}}
    </table>
    {{#more}}<p class="muted">{{t.ageing.more}} {{more}}</p>{{/more}}
    {{/content}}{{/layout}}
    """

    static let scorecards = """
    {{<layout}}{{$content}}
    <h1>{{t.scorecards.title}}</h1>
    <form class="inline card" method="get" action="/scorecards">
      <label>{{t.scorecards.month}} <input type="month" name="month" value="{{month}}"></label>
      <button type="submit">{{t.orders.search}}</button>
    </form>
    {{^hasRows}}<p class="muted">{{t.scorecards.empty}}</p>{{/hasRows}}
    {{#hasRows}}
    <table id="scorecards">
      <tr><th>{{t.holds.kam}}</th><th class="num">{{t.scorecard.turnover}}</th><th class="num">{{t.scorecard.target}}</th><th class="num">%</th>
          <th class="num">{{t.scorecard.active}}</th><th class="num">{{t.scorecard.new}}</th><th class="num">{{t.scorecard.overdueShare}}</th><th class="num">{{t.scorecard.bonus}}</th></tr>
      {{#rows}}<tr><td><a href="/scorecards/{{kamPath}}?month={{month}}">{{name}}</a> <span class="muted">{{kamId}}</span></td>
          <td class="num">{{turnover}}</td><td class="num">{{turnoverTarget}}</td><td class="num">{{turnoverPct}}</td>
          <td class="num">{{active}} / {{activeTarget}}</td><td class="num">{{new}} / {{newTarget}}</td><td class="num">{{overdueShare}}</td><td class="num">{{bonus}}</td></tr>{{/rows}}
    </table>
    {{/hasRows}}
    {{/content}}{{/layout}}
    """

    static let scorecard = """
    {{<layout}}{{$content}}
    {{#card}}
    <h1>{{heading}}</h1>
    <div class="card">{{{chart}}}</div>
    <div class="card"><dl class="grid" id="scorecard">
      <div><dt>{{t.scorecard.turnover}}</dt><dd>{{turnover}}</dd></div>
      <div><dt>{{t.scorecard.fulfilment}}</dt><dd>{{turnoverPct}}</dd></div>
      <div><dt>{{t.scorecard.active}}</dt><dd>{{active}} / {{activeTarget}} ({{activePct}})</dd></div>
      <div><dt>{{t.scorecard.new}}</dt><dd>{{new}} / {{newTarget}} ({{newPct}})</dd></div>
      <div><dt>{{t.scorecard.growthPrevious}}</dt><dd>{{growthPrevious}}</dd></div>
      <div><dt>{{t.scorecard.growthLastYear}}</dt><dd>{{growthLastYear}}</dd></div>
      <div><dt>{{t.scorecard.overdueShare}}</dt><dd>{{overdueShare}}</dd></div>
      <div><dt>{{t.scorecard.returnsShare}}</dt><dd>{{returnsShare}}</dd></div>
      <div><dt>{{t.scorecard.held}}</dt><dd>{{held}}</dd></div>
      <div><dt>{{t.scorecard.rejected}}</dt><dd>{{rejected}}</dd></div>
      <div><dt>{{t.scorecard.bonus}}</dt><dd id="bonus">{{bonus}}</dd></div>
    </dl></div>
    {{#canPlan}}
    <h2>{{t.scorecard.plan}}</h2>
    <form class="inline card stacked" id="plan-form" method="post" action="/scorecards/{{kamPath}}/plan">
      <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="month" value="{{month}}">
      <label>{{t.scorecard.turnover}} <input name="turnoverTarget" value="{{turnoverInput}}" required></label>
      <label>{{t.scorecard.active}} <input name="activeClientsTarget" value="{{activeInput}}" required></label>
      <label>{{t.scorecard.new}} <input name="newClientsTarget" value="{{newInput}}" required></label>
      <button type="submit" class="primary">{{t.scorecard.savePlan}}</button>
    </form>
    {{/canPlan}}
    {{/card}}
    {{/content}}{{/layout}}
    """

    static let week = """
    {{<layout}}{{$content}}
    <h1 id="week-heading">{{heading}}</h1>
    <p><a class="button" href="/week?week={{previous}}&amp;kamId={{kamId}}">← {{t.week.previous}}</a>
       <a class="button" id="next-week" href="/week?week={{next}}&amp;kamId={{kamId}}">{{t.week.next}} →</a>
       {{^isKam}}<span class="muted">{{kamId}}</span>{{/isKam}}</p>
    {{#days}}
    <h2>{{weekday}}, {{date}}</h2>
    {{^hasEntries}}<p class="muted">{{t.week.free}}</p>{{/hasEntries}}
    {{#hasEntries}}
    <table class="week-day">
      {{#entries}}
      <tr id="plan-{{kind}}-{{clientId}}">
        <td class="id" style="width:150px"><a href="/clients/{{clientPath}}">{{clientId}}</a></td>
        <td style="width:90px"><span class="status {{#isVisit}}confirmed{{/isVisit}}">{{kindName}}</span></td>
        <td>{{#reasons}}<span class="reason">{{label}}</span>{{/reasons}}</td>
        <td style="width:420px">
          <form class="inline" method="post" action="/week/contacts">
            <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="week" value="{{week}}">
            <input type="hidden" name="kamId" value="{{kamId}}"><input type="hidden" name="clientId" value="{{clientId}}">
            <input type="hidden" name="kind" value="{{kind}}">
            <input class="comment" name="outcome" placeholder="{{t.week.outcome}}" aria-label="{{t.week.outcome}}">
            <button type="submit" class="log">{{t.week.log}}</button>
          </form>
        </td>
      </tr>
      {{/entries}}
    </table>
    {{/hasEntries}}
    {{/days}}
    {{#hasUnscheduled}}
    <h2>{{t.week.unscheduled}}</h2>
    <table id="unscheduled">
      {{#unscheduled}}<tr><td class="id"><a href="/clients/{{clientPath}}">{{clientId}}</a></td><td>{{kindName}}</td>
        <td>{{#reasons}}<span class="reason">{{label}}</span>{{/reasons}}</td><td class="muted">{{why}}</td></tr>{{/unscheduled}}
    </table>
    {{/hasUnscheduled}}
    {{/content}}{{/layout}}
    """

    static let collections = """
    {{<layout}}{{$content}}
    <h1>{{t.collections.title}}</h1>
    <p class="muted">{{t.collections.asOf}} {{asOf}}</p>
    {{^isKam}}<form class="inline card" method="get" action="/collections">
      <label>{{t.holds.kam}} <input name="kamId" value="{{kamId}}"></label><button type="submit">{{t.orders.search}}</button>
    </form>{{/isKam}}
    {{^hasRows}}<p class="muted">{{t.collections.empty}}</p>{{/hasRows}}
    {{#hasRows}}
    <table id="collections">
      <tr><th class="num">№</th><th>{{t.orders.client}}</th><th>{{t.holds.kam}}</th><th class="num">{{t.client.overdue}}</th>
          <th class="num">{{t.collections.invoices}}</th><th class="num">{{t.collections.days}}</th><th class="num">{{t.collections.level}}</th><th>{{t.collections.why}}</th></tr>
      {{#rows}}<tr><td class="num">{{rank}}</td><td class="id"><a href="/clients/{{clientPath}}">{{clientId}}</a></td><td>{{kamId}}</td>
          <td class="num">{{overdue}}</td><td class="num">{{invoices}}</td><td class="num">{{days}}</td><td class="num">{{level}}</td>
          <td class="muted" title="{{reason}}">{{why}}</td></tr>{{/rows}}
    </table>
    {{/hasRows}}
    {{#nextLink}}<p><a class="button" href="{{nextLink}}">{{t.orders.next}} →</a></p>{{/nextLink}}
    {{/content}}{{/layout}}
    """

    static let error = """
    {{<layout}}{{$content}}
    <div class="card" id="error">
      <h1>{{heading}}</h1>
      <p>{{text}}</p>
      <p><a href="/">{{t.error.back}}</a></p>
    </div>
    {{/content}}{{/layout}}
    """
}
