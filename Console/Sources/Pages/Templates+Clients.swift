/// "My clients": a KAM's book with credit, overdue debt, dunning and the last contact.
extension Templates {
    static let myClients = """
    {{<layout}}{{$content}}
    <h1>{{t.myClients.title}}</h1>
    {{^isKam}}<form class="inline card" method="get" action="/my-clients">
      <label>{{t.holds.kam}} <select name="kamId" id="kam-choice"><option value="" {{#allSelected}}selected{{/allSelected}}>{{t.myClients.allKams}}</option>
        {{#kams}}<option value="{{kamId}}" {{#selected}}selected{{/selected}}>{{name}}</option>{{/kams}}</select></label>
      <button type="submit">{{t.myClients.show}}</button>
    </form>{{/isKam}}
    {{^hasRows}}<p class="muted">{{t.myClients.empty}}</p>{{/hasRows}}
    {{#hasRows}}
    <table id="my-clients">
      <tr><th>{{t.orders.client}}</th><th>{{t.myClients.name}}</th>{{^isKam}}<th>{{t.holds.kam}}</th>{{/isKam}}<th>{{t.myClients.tier}}</th>
          <th class="num">{{t.holds.limit}}</th><th class="num">{{t.client.exposure}}</th><th class="num">{{t.holds.available}}</th>
          <th>{{t.myClients.onHold}}</th><th class="num">{{t.client.overdue}}</th><th class="num">{{t.collections.level}}</th><th>{{t.myClients.lastContact}}</th></tr>
      {{#rows}}<tr id="client-{{clientId}}"><td class="id"><a href="/clients/{{clientPath}}">{{clientId}}</a></td><td>{{name}} <span class="muted">{{status}}</span></td>
          {{^isKam}}<td>{{kamId}}</td>{{/isKam}}<td>{{tier}}</td>
          <td class="num">{{limit}}</td><td class="num">{{exposure}}</td><td class="num{{#isOverLimit}} bad{{/isOverLimit}}">{{available}}</td>
          <td>{{#isHeld}}<span class="status on_hold">{{onHold}}</span>{{/isHeld}}{{^isHeld}}{{onHold}}{{/isHeld}}</td>
          <td class="num{{#isOverdue}} bad{{/isOverdue}}">{{overdue}}</td><td class="num">{{level}}</td><td>{{lastContact}}</td></tr>{{/rows}}
    </table>
    {{/hasRows}}
    {{#nextLink}}<p><a class="button" href="{{nextLink}}">{{t.orders.next}} →</a></p>{{/nextLink}}
    {{/content}}{{/layout}}
    """
}
