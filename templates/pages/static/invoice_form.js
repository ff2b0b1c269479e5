// The invoice form's live figures: G, G / C, H, I, the totals and the G702 summary follow
// what is typed. Progressive enhancement only: the form posts the same fields without it,
// and the server's figures (domain/g703.py, domain/g702.py, domain/unit_lines.py) stay the
// truth. The arithmetic below is theirs: exact decimals (BigInt), rounding half-up (ties
// away from zero, like Python's ROUND_HALF_UP) to cents, percentages to two places,
// quantities to four.
(function (root) {
  "use strict";

  var TEN = BigInt(10);
  var ZERO = BigInt(0);

  // How the page's language writes figures: set from the table's data-group and
  // data-decimal (fr-CA: "1 234,50"); the arithmetic itself is en-US.
  var SEPARATORS = {group: ",", decimal: "."};

  // What was typed, as a plain decimal (web/invoice_form_fields.py plain_number): with a
  // decimal comma, spaces group and the comma is the mark; both marks: unreadable.
  function plain(text) {
    var typed = String(text).trim();
    if (SEPARATORS.decimal !== ",") return typed.replace(/,/g, "").replace(/\$/g, "");
    var cleaned = typed.replace(/[\s\u00a0\u202f$]/g, "");
    if (cleaned.indexOf(",") >= 0 && cleaned.indexOf(".") >= 0) return typed;
    return cleaned.replace(/,/g, ".");
  }

  // A decimal is {v: BigInt, s: scale}: v / 10^s.
  function parse(text) {
    var cleaned = plain(text);
    var match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(cleaned);
    if (!match || (match[2] === "" && (match[3] === undefined || match[3] === ""))) {
      return null;
    }
    var fraction = match[3] || "";
    var v = BigInt((match[2] || "0") + fraction);
    return {v: match[1] === "-" ? -v : v, s: fraction.length};
  }

  function pow10(n) { return TEN ** BigInt(n); }

  // num / den rounded half-up (ties away from zero), as an integer.
  function divRound(num, den) {
    if (den < ZERO) { num = -num; den = -den; }
    var negative = num < ZERO;
    var magnitude = negative ? -num : num;
    var quotient = magnitude / den;
    if ((magnitude % den) * BigInt(2) >= den) quotient += BigInt(1);
    return negative ? -quotient : quotient;
  }

  // The decimal rounded to `scale` places, as an integer count of 10^-scale.
  function quantize(dec, scale) {
    if (dec.s <= scale) return dec.v * pow10(scale - dec.s);
    return divRound(dec.v, pow10(dec.s - scale));
  }

  // Money in cents from what was typed: empty is 0, anything unreadable null.
  function cents(text) {
    if (text === undefined || text === null || String(text).trim() === "") return ZERO;
    var dec = parse(text);
    return dec === null ? null : quantize(dec, 2);
  }

  // `rate` % of an amount in cents (domain.money.percent_of); the rate is a decimal.
  function percentOf(amount, rate) {
    return divRound(amount * rate.v, pow10(rate.s) * BigInt(100));
  }

  // G / C in hundredths of a percent, 0 when nothing is scheduled.
  function completion(completed, scheduled) {
    if (scheduled === ZERO) return ZERO;
    return divRound(completed * BigInt(10000), scheduled);
  }

  function format(units, places, grouped) {
    var negative = units < ZERO;
    var digits = (negative ? -units : units).toString().padStart(places + 1, "0");
    var whole = digits.slice(0, digits.length - places);
    var fraction = digits.slice(digits.length - places);
    if (grouped) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return (negative ? "-" : "") + whole + (places ? "." + fraction : "");
  }

  function money(units) { return format(units, 2, true); }

  // E of a unit-based line from the quantity typed (domain/unit_lines.py): the value to
  // date is the quantity to date times the unit price; E is what it adds to D.
  function unitValueThisPeriod(unit, typed, valueBefore) {
    if (typed === undefined || typed === null || String(typed).trim() === "") return ZERO;
    var dec = parse(typed);
    if (dec === null) return null;
    var quantityBefore = parse(unit.quantityBefore);
    var price = parse(unit.unitPrice);
    var toDate = quantize(quantityBefore, 4) + quantize(dec, 4);  // four places
    var valueToDate = divRound(toDate * price.v, pow10(4 + price.s - 2));
    return valueToDate - valueBefore;
  }

  // One G703 row from strings (as typed or as rendered); null when a figure is unreadable.
  function line(input) {
    var scheduled = cents(input.c), previous = cents(input.d);
    var released = cents(input.released), releasedBefore = cents(input.releasedBefore);
    var stored = cents(input.f);
    var thisPeriod = input.unit ? unitValueThisPeriod(input.unit, input.quantity, previous)
      : cents(input.e);
    if ([scheduled, previous, released, releasedBefore, stored, thisPeriod].indexOf(null) >= 0) {
      return null;
    }
    var toDate = previous + thisPeriod + stored;
    var onWork = percentOf(previous + thisPeriod, parse(input.rateWork));
    var onStored = percentOf(stored, parse(input.rateStored));
    return {
      changeOrder: Boolean(input.changeOrder), scheduled: scheduled, previous: previous,
      thisPeriod: thisPeriod, stored: stored, toDate: toDate,
      percent: completion(toDate, scheduled), balance: scheduled - toDate,
      onWork: onWork, onStored: onStored, released: released, releasedBefore: releasedBefore,
      retainage: onWork + onStored - releasedBefore - released
    };
  }

  // The G702 summary of computed rows (domain/g702.py).
  function summary(rows, lessPrevious) {
    var sums = {original: ZERO, changes: ZERO, completed: ZERO, onWork: ZERO, onStored: ZERO};
    rows.forEach(function (row) {
      if (row.changeOrder) sums.changes += row.scheduled; else sums.original += row.scheduled;
      sums.completed += row.toDate;
      sums.onWork += row.onWork - row.released - row.releasedBefore;
      sums.onStored += row.onStored;
    });
    var previous = cents(lessPrevious);
    var earned = sums.completed - sums.onWork - sums.onStored;
    return {
      original_contract_sum: sums.original,
      net_change_by_change_orders: sums.changes,
      contract_sum_to_date: sums.original + sums.changes,
      total_completed_and_stored_to_date: sums.completed,
      retainage_on_completed_work: sums.onWork,
      retainage_on_stored_materials: sums.onStored,
      total_retainage: sums.onWork + sums.onStored,
      total_earned_less_retainage: earned,
      less_previous_certificates: previous,
      current_payment_due: earned - previous,
      balance_to_finish_including_retainage: sums.original + sums.changes - earned
    };
  }

  var math = {line: line, summary: summary, money: money,
              percent: function (units) { return format(units, 2, false); }};
  root.ITBInvoiceMath = math;

  // ---- the page -------------------------------------------------------------------------

  var COLUMNS = {
    G: function (row) { return money(row.toDate); },
    GC: function (row) { return math.percent(row.percent) + " %"; },
    H: function (row) { return money(row.balance); },
    I: function (row) { return money(row.retainage); }
  };
  var TOTALS = {
    C: "scheduled", D: "previous", E: "thisPeriod", F: "stored", G: "toDate",
    H: "balance", I: "retainage", released: "released"
  };

  function value(tr, prefix) {
    var input = tr.querySelector("input[name^='" + prefix + "_']");
    return input ? input.value : undefined;
  }

  function readRow(tr, table) {
    var data = tr.dataset;
    var unit = data.unitPrice ? {unitPrice: data.unitPrice,
                                 quantityBefore: data.quantityBefore} : null;
    return line({
      c: data.c, d: data.d, e: value(tr, "work"), f: value(tr, "stored"),
      quantity: value(tr, "quantity"), unit: unit, released: value(tr, "released"),
      releasedBefore: data.releasedBefore, changeOrder: data.changeOrder === "1",
      rateWork: table.dataset.rateWork, rateStored: table.dataset.rateStored
    });
  }

  // The page's figures are grouped the way its language writes them (SEPARATORS above).
  function shown(text) {
    return String(text).replace(/[,.]/g, function (mark) {
      return mark === "," ? SEPARATORS.group : SEPARATORS.decimal;
    });
  }

  function show(element, text) { if (element) element.textContent = shown(text); }

  function recompute(form, table) {
    var rows = [];
    var readable = true;
    Array.prototype.forEach.call(table.querySelectorAll("tbody tr[data-line]"), function (tr) {
      var row = readRow(tr, table);
      Object.keys(COLUMNS).forEach(function (column) {
        show(tr.querySelector("[data-out='" + column + "']"), row ? COLUMNS[column](row) : "–");
      });
      if (row && tr.querySelector("[data-out='E']")) {
        show(tr.querySelector("[data-out='E']"), money(row.thisPeriod));
      }
      if (row) rows.push(row); else readable = false;
    });
    Object.keys(TOTALS).forEach(function (column) {
      var total = rows.reduce(function (sum, row) { return sum + row[TOTALS[column]]; }, ZERO);
      show(table.querySelector("[data-total='" + column + "']"), readable ? money(total) : "–");
    });
    var figures = summary(rows, table.dataset.lessPrevious);
    Array.prototype.forEach.call(form.querySelectorAll("[data-sum]"), function (cell) {
      show(cell, readable ? money(figures[cell.getAttribute("data-sum")]) : "–");
    });
    Array.prototype.forEach.call(form.querySelectorAll(".as-saved"), function (note) {
      note.hidden = true;  // the totals now follow what is typed
    });
  }

  function setUp() {
    var form = document.querySelector("form.invoice-form");
    var table = form && form.querySelector("table.invoice-table[data-rate-work]");
    if (!table || !table.querySelector("input.entered-input")) return;
    if (table.dataset.group !== undefined) SEPARATORS.group = table.dataset.group;
    if (table.dataset.decimal) SEPARATORS.decimal = table.dataset.decimal;
    form.addEventListener("input", function () { recompute(form, table); });
    recompute(form, table);
  }

  if (typeof document !== "undefined") {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", setUp);
    } else {
      setUp();
    }
  }
})(typeof window !== "undefined" ? window : this);
