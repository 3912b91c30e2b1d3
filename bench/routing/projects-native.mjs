// @ts-check
/** The shop again for pytest, cargo and go: pricing, format and receipt, each in its own file. */

const pyPricing = (bulk) => `BULK = ${bulk}


def line_total(item):
    gross = item["price"] * item["qty"]
    return round(gross * 0.9) if item["qty"] >= BULK else gross


def total(items):
    return sum(line_total(i) for i in items)
`;
const pyFmt = (commas) => `def money(cents):
    if not isinstance(cents, int):
        raise TypeError(f"money expects cents as an int, got {type(cents).__name__}")
    return f"\${cents / 100:${commas ? ',' : ''}.2f}"
`;
const pyReceipt = (count, tax) => `from pricing import total
from fmt import money


def item_count(items):
    return ${count === 'lines' ? 'len(items)' : 'sum(i["qty"] for i in items)'}


def receipt(items):
    lines = [f"{i['name']} x{i['qty']}" for i in items]
    lines.append(f"Items: {item_count(items)}")
${tax ? '    tax = f"{total(items) * 0.08:.0f}"\n    lines.append(f"Tax: {money(tax)}")\n' : ''}    return "\\n".join(lines + [f"Total: {money(total(items))}"])
`;
const pyTest = (count) => `from pricing import total
from receipt import receipt${count ? ', item_count' : ''}

CART = [{"name": "tea", "price": 500, "qty": 2}, {"name": "mug", "price": 300, "qty": 1}]


def test_total_of_the_cart():
    assert total(CART) == 1300


def test_receipt_ends_with_the_total():
    assert receipt(CART).split("\\n")[-1] == "Total: $13.00"
${count ? '\n\ndef test_receipt_counts_items():\n    assert item_count(CART) == 3\n' : ''}`;

/** @param {{ bugs?: { pricing?: string, receipt?: string } }} [opts] */
export function pyShop({ bugs = {} } = {}) {
  const base = {
    'pytest.ini': '[pytest]\npythonpath = .\n',
    'pricing.py': 'def line_total(item):\n    return item["price"] * item["qty"]\n\n\ndef total(items):\n    return sum(line_total(i) for i in items)\n',
    'fmt.py': pyFmt(false),
    'receipt.py':
      'from pricing import total\nfrom fmt import money\n\n\ndef receipt(items):\n    lines = [f"{i[\'name\']} x{i[\'qty\']}" for i in items]\n    return "\\n".join(lines + [f"Total: {money(total(items))}"])\n',
    'tests/test_receipt.py': pyTest(false),
  };
  const tasks = [
    {
      id: 'pricing',
      files: ['pricing.py'],
      prompt: 'Add a bulk discount: line_total takes 10% off lines of BULK (10) or more items.',
      change: { 'pricing.py': pyPricing(bugs.pricing === 'bulk' ? 2 : 10) },
    },
    { id: 'format', files: ['fmt.py'], prompt: 'money() should group thousands with commas.', change: { 'fmt.py': pyFmt(true) } },
    {
      id: 'receipt',
      files: ['receipt.py', 'tests/test_receipt.py'],
      prompt: 'Show the item count (item_count) on the receipt and test it.',
      change: { 'receipt.py': pyReceipt(bugs.receipt === 'count' ? 'lines' : 'qty', bugs.receipt === 'tax'), 'tests/test_receipt.py': pyTest(true) },
    },
  ];
  return { base, tasks, check: { command: 'python3 -m pytest -q' } };
}

const rsPricing = (bulk, result) => `pub struct Item {
    pub name: &'static str,
    pub price: u32,
    pub qty: u32,
}

pub const BULK: u32 = ${bulk};

pub fn line_total(item: &Item) -> u32 {
    let gross = item.price * item.qty;
    if item.qty >= BULK { (gross * 9 + 5) / 10 } else { gross }
}

${
  result
    ? 'pub fn total(items: &[Item]) -> Result<u32, String> {\n    if items.is_empty() {\n        return Err("empty cart".to_string());\n    }\n    Ok(items.iter().map(line_total).sum())\n}\n'
    : 'pub fn total(items: &[Item]) -> u32 {\n    items.iter().map(line_total).sum()\n}\n'
}`;
const rsReceipt = (count, thanks = true) => `use crate::format::money;
use crate::pricing::{total, Item};

pub fn item_count(items: &[Item]) -> u32 {
    ${count === 'lines' ? 'items.len() as u32' : 'items.iter().map(|i| i.qty).sum()'}
}

pub fn receipt(items: &[Item]) -> String {
    let mut lines: Vec<String> = items.iter().map(|i| format!("{} x{}", i.name, i.qty)).collect();
    lines.push(format!("Items: {}", item_count(items)));
    lines.push(format!("Total: {}", money(total(items))));
${thanks ? '    lines.push("Thank you".to_string());\n' : ''}    lines.join("\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cart() -> Vec<Item> {
        vec![Item { name: "tea", price: 500, qty: 2 }, Item { name: "mug", price: 300, qty: 1 }]
    }

    #[test]
    fn total_of_the_cart() {
        assert_eq!(total(&cart()), 1300);
    }

    #[test]
    fn receipt_counts_items() {
        assert_eq!(item_count(&cart()), 3);
    }
}
`;

/** @param {{ bugs?: { pricing?: string, receipt?: string } }} [opts] */
export function rustShop({ bugs = {} } = {}) {
  const base = {
    'Cargo.toml': '[package]\nname = "shop"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n',
    'src/lib.rs': 'pub mod format;\npub mod pricing;\npub mod receipt;\n',
    'src/pricing.rs': rsPricing(1000, false),
    'src/format.rs': 'pub fn money(cents: u32) -> String {\n    format!("${}.{:02}", cents / 100, cents % 100)\n}\n',
    'src/receipt.rs': rsReceipt('qty', false),
  };
  const tasks = [
    {
      id: 'pricing',
      files: ['src/pricing.rs'],
      prompt: 'Add a bulk discount: line_total takes 10% off lines of BULK (10) or more items.',
      change: { 'src/pricing.rs': rsPricing(bugs.pricing === 'bulk' ? 2 : 10, bugs.pricing === 'result') },
    },
    {
      id: 'format',
      files: ['src/format.rs'],
      prompt: 'money() should show the currency code after the amount.',
      change: { 'src/format.rs': 'pub fn money(cents: u32) -> String {\n    format!("${}.{:02} USD", cents / 100, cents % 100)\n}\n' },
    },
    {
      id: 'receipt',
      files: ['src/receipt.rs'],
      prompt: 'End the receipt with a thank-you line.',
      change: { 'src/receipt.rs': rsReceipt(bugs.receipt === 'count' ? 'lines' : 'qty') },
    },
  ];
  return { base, tasks, check: { command: 'cargo test --offline -q' } };
}

const goPricing = (bulk, multi) => `package shop

type Item struct {
	Name  string
	Price int
	Qty   int
}

const Bulk = ${bulk}

func LineTotal(it Item) int {
	gross := it.Price * it.Qty
	if it.Qty >= Bulk {
		return (gross*9 + 5) / 10
	}
	return gross
}
${
  multi
    ? '\nfunc Total(items []Item) (int, error) {\n\tt := 0\n\tfor _, it := range items {\n\t\tt += LineTotal(it)\n\t}\n\treturn t, nil\n}\n'
    : '\nfunc Total(items []Item) int {\n\tt := 0\n\tfor _, it := range items {\n\t\tt += LineTotal(it)\n\t}\n\treturn t\n}\n'
}`;
const goReceipt = (count, thanks = true) => `package shop

import "fmt"

func ItemCount(items []Item) int {
${count === 'lines' ? '\treturn len(items)\n' : '\tn := 0\n\tfor _, it := range items {\n\t\tn += it.Qty\n\t}\n\treturn n\n'}}

func Receipt(items []Item) string {
	return fmt.Sprintf("Items: %d\\nTotal: %d${thanks ? '\\nThank you' : ''}", ItemCount(items), Total(items))
}
`;
const GO_TEST = `package shop

import "testing"

var cart = []Item{{Name: "tea", Price: 500, Qty: 2}, {Name: "mug", Price: 300, Qty: 1}}

func TestTotal(t *testing.T) {
	if got := Total(cart); got != 1300 {
		t.Errorf("Total(cart) = %d, want 1300", got)
	}
}

func TestItemCount(t *testing.T) {
	if got := ItemCount(cart); got != 3 {
		t.Errorf("ItemCount(cart) = %d, want 3", got)
	}
}
`;

/** @param {{ bugs?: { pricing?: string, receipt?: string } }} [opts] */
export function goShop({ bugs = {} } = {}) {
  const base = {
    'go.mod': 'module shop\n\ngo 1.19\n',
    'pricing.go': goPricing(1000, false),
    'receipt.go': goReceipt('qty', false),
    'receipt_test.go': GO_TEST,
  };
  const tasks = [
    {
      id: 'pricing',
      files: ['pricing.go'],
      prompt: 'Add a bulk discount: LineTotal takes 10% off lines of Bulk (10) or more items.',
      change: { 'pricing.go': goPricing(bugs.pricing === 'bulk' ? 2 : 10, bugs.pricing === 'multi') },
    },
    {
      id: 'receipt',
      files: ['receipt.go', 'receipt_test.go'],
      prompt: 'End the receipt with a thank-you line.',
      change: { 'receipt.go': goReceipt(bugs.receipt === 'count' ? 'lines' : 'qty') },
    },
  ];
  return { base, tasks, check: { command: 'go test ./...' } };
}
