/* speechgen 写作台: the page's script.  Plain ES5 (no build step) so that the browsers of old
 * office PCs (Chromium 79 era) run it; no outside resources.  The form is generated on the server
 * from the spec model; this script turns it into JSON (collect), asks the server for the preview,
 * keeps the YAML tab in step, and handles uploads, downloads and saving. */
(function () {
  'use strict';

  var csrf = document.querySelector('meta[name="csrf-token"]').getAttribute('content');
  var source = 'form';       // which tab holds the writer's latest edits: 'form' or 'yaml'
  var seq = 0;               // preview requests: only the newest answer is shown
  var timer = null;
  var DEBOUNCE_MS = 350;
  var tableFile = null;      // the uploaded indicator table (kept to re-read with another mapping)
  var tableIndicators = [];

  function $(id) { return document.getElementById(id); }
  function each(list, fn) { for (var i = 0; i < list.length; i++) { fn(list[i], i); } }
  function trim(s) { return String(s).replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''); }
  function isEmpty(o) { for (var k in o) { if (Object.prototype.hasOwnProperty.call(o, k)) { return false; } } return true; }
  function esc(s) {
    return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }

  // ------------------------------------------------------------------ HTTP
  function request(method, url, body, done, opts) {
    opts = opts || {};
    var xhr = new XMLHttpRequest();
    xhr.open(method, url, true);
    xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.setRequestHeader('Accept', 'application/json');
    if (opts.blob) { xhr.responseType = 'blob'; }
    if (body !== null && !(body instanceof FormData)) {
      xhr.setRequestHeader('Content-Type', 'application/json');
      body = JSON.stringify(body);
    }
    xhr.onload = function () {
      if (opts.blob && xhr.status === 200) { done(xhr.status, null, xhr); return; }
      var handle = function (text) {
        var data;
        try { data = JSON.parse(text); } catch (e) { data = {ok: false, errors: ['服务器返回了无法识别的内容（' + xhr.status + '）']}; }
        done(xhr.status, data, xhr);
      };
      if (opts.blob) {
        var reader = new FileReader();
        reader.onload = function () { handle(reader.result); };
        reader.readAsText(xhr.response);
      } else {
        handle(xhr.responseText);
      }
    };
    xhr.onerror = function () { done(0, {ok: false, errors: ['无法连接服务器，请确认写作台仍在运行。']}, xhr); };
    xhr.send(body);
  }

  // ------------------------------------------------------------------ form → JSON
  function collect() {
    var host = $('sg-form-host').querySelector('.sg-form');
    var out = {};
    collectInto(host, out, '');
    return out;
  }

  function collectInto(el, out, path) {
    each(el.children, function (c) {
      var key = c.getAttribute('data-key');
      if (key) {
        var p = path ? path + '.' + key : key;
        c.setAttribute('data-path', p);
        var v = valueOf(c, p);
        if (v !== undefined) { out[key] = v; }
      } else if (c.tagName !== 'TEMPLATE') {
        collectInto(c, out, path);
      }
    });
  }

  function itemsOf(listEl) {
    var boxes = listEl.querySelectorAll('.sg-items');
    for (var i = 0; i < boxes.length; i++) {
      if (boxes[i].closest('[data-kind="list"]') === listEl) {
        var items = [];
        each(boxes[i].children, function (c) { if (c.classList.contains('sg-item')) { items.push(c); } });
        return items;
      }
    }
    return [];
  }

  function valueOf(el, path) {
    var kind = el.getAttribute('data-kind');
    var v;
    if (kind === 'obj') {
      var o = {};
      collectInto(el, o, path);
      return isEmpty(o) ? undefined : o;
    }
    if (kind === 'list') {
      var out = [];
      each(itemsOf(el), function (item) {
        var ip = path + '[' + out.length + ']';
        item.setAttribute('data-path', ip);
        var obj = {};
        collectInto(item, obj, ip);
        if (!isEmpty(obj)) { out.push(obj); }
      });
      return out.length ? out : undefined;
    }
    if (kind === 'lines') {
      var lines = [];
      each(el.value.split('\n'), function (line) { line = trim(line); if (line) { lines.push(line); } });
      return lines.length ? lines : undefined;
    }
    if (kind === 'notes') {
      var notes = [];
      each(el.value.split('\n'), function (line) {
        line = trim(line);
        if (!line) { return; }
        if (line.indexOf('【照录】') === 0) { notes.push({text: trim(line.substring(4)), verbatim: true}); }
        else { notes.push(line); }
      });
      return notes.length ? notes : undefined;
    }
    if (kind === 'bool') { return el.value === '' ? undefined : el.value === 'true'; }
    if (kind === 'yaml') { v = trim(el.value); return v ? {'$yaml': el.value} : undefined; }
    v = trim(el.value);
    return v === '' ? undefined : v;
  }

  function options() {
    return {seed: $('sg-seed').value || '0', variety: $('sg-variety').value, profile: $('sg-profile').value,
            table: $('sg-appendix').checked};
  }

  function payload() {
    var p = {options: options()};
    if (source === 'yaml') { p.yaml = $('sg-yaml').value; } else { p.spec = collect(); }
    return p;
  }

  // ------------------------------------------------------------------ preview
  function schedule() {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(refresh, DEBOUNCE_MS);
    status('正在更新……');
  }

  function refresh() {
    timer = null;
    var mine = ++seq;
    request('POST', '/api/preview', payload(), function (code, data) {
      if (mine !== seq) { return; }
      clearMarks();
      if (!data.ok) {
        showErrors(data.errors || []);
        markFields(data.fields || {});
        status('有 ' + (data.errors || []).length + ' 处需要修改，预览暂未更新');
        $('sg-preview').classList.add('sg-stale');
        return;
      }
      showErrors([]);
      $('sg-preview').classList.remove('sg-stale');
      $('sg-preview').className = 'sg-paper' + ($('sg-profile').value ? ' sg-profile-' + $('sg-profile').value : '');
      $('sg-preview').innerHTML = data.html;
      showWarnings(data.warnings || []);
      showFindings(data.findings || []);
      status('已更新 · ' + data.chars + ' 字 · 服务器用时 ' + data.ms + ' 毫秒');
    });
  }

  function status(text) { $('sg-status').textContent = text; }

  function showErrors(errors) {
    $('sg-messages').innerHTML = errors.length ? '<ul class="sg-errors">' + errors.map(function (e) {
      return '<li>' + esc(e) + '</li>'; }).join('') + '</ul>' : '';
  }

  function showWarnings(warnings) {
    $('sg-warnings').innerHTML = warnings.length ? '<details class="sg-warn-box" open><summary>提示：' +
      warnings.length + ' 处输入可能没有用上或缺少数据</summary><ul>' + warnings.map(function (w) {
        return '<li>' + esc(w) + '</li>'; }).join('') + '</ul></details>' : '';
  }

  function showFindings(findings) {
    if (!findings.length) { $('sg-findings').innerHTML = '<p class="sg-ok">自动校对：未发现问题。</p>'; return; }
    var errors = 0;
    each(findings, function (f) { if (f.severity === 'error') { errors++; } });
    $('sg-findings').innerHTML = '<details class="sg-find-box"' + (errors ? ' open' : '') + '><summary>自动校对：' +
      errors + ' 处错误，' + (findings.length - errors) + ' 处提醒（点击定位到段落）</summary><ol>' +
      findings.map(function (f) {
        return '<li class="sg-finding sg-' + esc(f.severity) + '" data-target="' + esc(f.target) + '">' +
          '<b>[' + esc(f.severity_cn) + ']</b> ' + esc(f.message) + (f.text ? '<q>' + esc(f.text) + '</q>' : '') + '</li>';
      }).join('') + '</ol></details>';
  }

  function clearMarks() {
    each(document.querySelectorAll('.sg-invalid'), function (el) {
      el.classList.remove('sg-invalid');
      el.removeAttribute('data-error');
    });
  }

  function markFields(fields) {
    for (var path in fields) {
      if (!Object.prototype.hasOwnProperty.call(fields, path)) { continue; }
      var el = document.querySelector('[data-path="' + path.replace(/"/g, '') + '"]');
      if (el) {
        el.classList.add('sg-invalid');
        el.setAttribute('title', fields[path]);
        el.setAttribute('data-error', fields[path]);
      }
    }
  }

  // ------------------------------------------------------------------ tabs (form ⇄ YAML)
  function showTab(name) {
    each(document.querySelectorAll('.sg-tab'), function (t) { t.classList.toggle('sg-active', t.getAttribute('data-tab') === name); });
    each(document.querySelectorAll('.sg-pane'), function (p) { p.classList.toggle('sg-active', p.id === 'sg-pane-' + name); });
  }

  function switchTab(name) {
    if (name === 'yaml' && source === 'form') {
      request('POST', '/api/yaml', {spec: collect()}, function (code, data) {
        if (data.yaml !== undefined && source === 'form') { $('sg-yaml').value = data.yaml; }
        showTab('yaml');
      });
      return;
    }
    if (name === 'form' && source === 'yaml') {
      request('POST', '/api/form', {yaml: $('sg-yaml').value}, function (code, data) {
        if (!data.ok) { showErrors(data.errors || []); status('YAML 有误，请先改正再切换到表单'); return; }
        replaceForm(data.html);
        source = 'form';
        showTab('form');
      });
      return;
    }
    showTab(name);
  }

  function replaceForm(html) {
    $('sg-form-host').innerHTML = html;
  }

  // ------------------------------------------------------------------ list editing
  function onFormClick(ev) {
    var t = ev.target;
    if (!t.classList) { return; }
    var list = t.closest('[data-kind="list"]');
    if (t.classList.contains('sg-add') && list) {
      var tpl = null;
      each(list.children, function (c) { if (c.tagName === 'TEMPLATE') { tpl = c; } });
      var box = null;
      each(list.querySelectorAll('.sg-items'), function (b) { if (!box && b.closest('[data-kind="list"]') === list) { box = b; } });
      if (tpl && box) {
        box.appendChild(document.importNode(tpl.content, true));
        var first = box.lastElementChild && box.lastElementChild.querySelector('input, textarea, select');
        if (first) { first.focus(); }
      }
      formChanged();
    } else if (t.classList.contains('sg-del')) {
      var item = t.closest('.sg-item');
      if (item) { item.parentNode.removeChild(item); formChanged(); }
    } else if (t.classList.contains('sg-up')) {
      var it = t.closest('.sg-item');
      var prev = it && it.previousElementSibling;
      if (prev) { it.parentNode.insertBefore(it, prev); formChanged(); }
    }
  }

  function formChanged() { source = 'form'; schedule(); }

  // ------------------------------------------------------------------ uploads
  function uploadTable(mapping, sheet) {
    if (!tableFile) { return; }
    var fd = new FormData();
    fd.append('file', tableFile);
    fd.append('mapping', JSON.stringify(mapping || {}));
    fd.append('sheet', sheet || '');
    status('正在读取指标表……');
    request('POST', '/api/table', fd, function (code, data) {
      if (!data.ok) {
        $('sg-table-result').innerHTML = '<ul class="sg-errors">' + (data.errors || []).map(function (e) {
          return '<li>' + esc(e) + '</li>'; }).join('') + '</ul>';
        status('指标表有误');
        return;
      }
      tableIndicators = data.indicators;
      $('sg-table-result').innerHTML = data.html;
      status('已读出 ' + data.count + ' 项指标');
    });
  }

  function currentMapping() {
    var mapping = {};
    each(document.querySelectorAll('#sg-table-result select[data-col]'), function (s) { mapping[s.getAttribute('data-col')] = s.value; });
    return mapping;
  }

  function useTable() {
    var spec = source === 'yaml' ? null : collect();
    var apply = function (base) {
      base.indicators = tableIndicators;
      request('POST', '/api/form', {spec: base}, function (code, data) {
        if (!data.ok) { showErrors(data.errors || []); return; }
        replaceForm(data.html);
        $('sg-yaml').value = data.yaml;
        source = 'form';
        showTab('form');
        refresh();
      });
    };
    if (spec) { apply(spec); return; }
    request('POST', '/api/form', {yaml: $('sg-yaml').value}, function (code, data) {
      if (!data.ok) { showErrors(data.errors || []); return; }
      replaceForm(data.html);
      source = 'form';
      apply(collect());
    });
  }

  function uploadOld(file) {
    if (!confirm('表单中现有的内容将被旧讲话中提取的内容替换，继续吗？')) { return; }
    var fd = new FormData();
    fd.append('file', file);
    status('正在分析旧讲话……');
    request('POST', '/api/outline', fd, function (code, data) {
      if (!data.ok) {
        $('sg-old-result').innerHTML = '<ul class="sg-errors">' + (data.errors || []).map(function (e) {
          return '<li>' + esc(e) + '</li>'; }).join('') + '</ul>';
        return;
      }
      replaceForm(data.html);
      $('sg-yaml').value = data.yaml;
      $('sg-old-result').innerHTML = '<p class="sg-notice">' + esc(data.notice) + '</p>';
      source = 'form';
      showTab('form');
      refresh();
    });
  }

  // ------------------------------------------------------------------ downloads and saving
  function download(format, ignoreCheck) {
    var p = payload();
    p.format = format;
    p.ignore_check = !!ignoreCheck;
    status('正在生成下载文件……');
    request('POST', '/api/download', p, function (code, data, xhr) {
      if (code === 200) {
        var name = fileName(xhr.getResponseHeader('Content-Disposition')) || ('讲话稿.' + format);
        var url = URL.createObjectURL(xhr.response);
        var a = document.createElement('a');
        a.href = url;
        a.download = name;
        document.body.appendChild(a);
        a.click();
        setTimeout(function () { URL.revokeObjectURL(url); a.parentNode.removeChild(a); }, 1000);
        status('已下载 ' + name);
        return;
      }
      if (data && data.check_failed && confirm((data.errors || [''])[0] + '\n\n仍要下载吗？')) {
        download(format, true);
        return;
      }
      showErrors((data && data.errors) || []);
      status('未能生成文件');
    }, {blob: true});
  }

  function fileName(disposition) {
    var m = /filename\*=UTF-8''([^;]+)/i.exec(disposition || '');
    return m ? decodeURIComponent(m[1]) : '';
  }

  function save(overwrite, ignoreCheck) {
    var name = trim($('sg-save-name').value);
    if (!name) { alert('请填写文件名，例如 一季度分析会.yaml 或 一季度分析会.docx'); return; }
    var p = payload();
    p.name = name;
    p.overwrite = !!overwrite;
    p.ignore_check = !!ignoreCheck;
    request('POST', '/api/save', p, function (code, data) {
      if (code === 409 && data.exists) {
        if (confirm((data.errors || [''])[0] + '\n\n要覆盖吗？')) { save(true, ignoreCheck); }
        return;
      }
      if (!data.ok) {
        if (data.check_failed && confirm(data.errors[0] + '\n\n仍要保存吗？')) {
          save(overwrite, true);
          return;
        }
        showErrors(data.errors || []);
        return;
      }
      status('已保存到工作区：' + data.saved);
      listFiles(data.workspace || []);
    });
  }

  function listFiles(entries) {
    var ul = $('sg-files');
    if (!ul) { return; }
    ul.innerHTML = entries.length ? entries.map(function (e) {
      var href = e.kind === 'spec' ? '/?open=' + encodeURIComponent(e.name) : '/files/' + encodeURIComponent(e.name);
      return '<li class="sg-file-' + esc(e.kind) + '"><a href="' + esc(href) + '">' + esc(e.name) + '</a> <small>' +
        esc(e.modified) + '</small></li>';
    }).join('') : '<li class="sg-empty">还没有保存的文件</li>';
  }

  // ------------------------------------------------------------------ wiring
  function flash(target) {
    var el = target && document.getElementById(target);
    if (!el) { return; }
    el.scrollIntoView({block: 'center'});
    el.classList.add('sg-pulse');
    setTimeout(function () { el.classList.remove('sg-pulse'); }, 1600);
  }

  function init() {
    var formHost = $('sg-form-host');
    formHost.addEventListener('input', formChanged);
    formHost.addEventListener('change', formChanged);
    formHost.addEventListener('click', onFormClick);
    $('sg-yaml').addEventListener('input', function () { source = 'yaml'; schedule(); });
    each(document.querySelectorAll('.sg-tab'), function (t) {
      t.addEventListener('click', function () { switchTab(t.getAttribute('data-tab')); });
    });
    each(['sg-seed', 'sg-variety', 'sg-profile', 'sg-appendix'], function (id) {
      $(id).addEventListener('change', schedule);
    });
    $('sg-reseed').addEventListener('click', function () {
      $('sg-seed').value = String((parseInt($('sg-seed').value, 10) || 0) + 1);
      refresh();
    });
    $('sg-new').addEventListener('click', function () {
      if (confirm('清空表单，新建一篇空白稿？')) { window.location.href = '/'; }
    });
    $('sg-table-file').addEventListener('change', function () {
      tableFile = this.files[0] || null;
      uploadTable({}, '');
    });
    $('sg-table-result').addEventListener('change', function (ev) {
      if (ev.target.classList.contains('sg-sheet')) { uploadTable({}, ev.target.value); return; }
      var sheet = document.querySelector('#sg-table-result .sg-sheet');
      uploadTable(currentMapping(), sheet ? sheet.value : '');
    });
    $('sg-table-result').addEventListener('click', function (ev) {
      if (ev.target.classList.contains('sg-use-table')) { useTable(); }
    });
    $('sg-old-file').addEventListener('change', function () { if (this.files[0]) { uploadOld(this.files[0]); } });
    each(document.querySelectorAll('.sg-dl'), function (b) {
      b.addEventListener('click', function () { download(b.getAttribute('data-format'), false); });
    });
    if ($('sg-save')) { $('sg-save').addEventListener('click', function () { save(false, false); }); }
    $('sg-findings').addEventListener('click', function (ev) {
      var li = ev.target.closest('.sg-finding');
      if (li) { flash(li.getAttribute('data-target')); }
    });
    var title = document.querySelector('fieldset[data-key="meeting"] input[data-key="title"]');
    if (title && !title.value) { status('新建：请从会议名称填起'); return; }  // a blank draft: no errors yet
    refresh();
  }

  init();
}());
