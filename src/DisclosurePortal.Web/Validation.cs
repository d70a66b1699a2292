using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace DisclosurePortal.Web;

public static class Validation
{
    /// <summary>
    /// A name or code: no line break, tab or NUL (a CR LF in a name splits a header or a CSV row), and something
    /// visible (zero-width characters alone look empty). Invisible characters are stripped when stored (VisibleText).
    /// </summary>
    public static IRuleBuilderOptions<T, string> VisibleName<T>(this IRuleBuilder<T, string> rule, string label) =>
        rule.Must(v => !Domain.VisibleText.HasControl(v)).WithMessage($"{label}不能包含换行、制表符等控制字符")
            .Must(v => string.IsNullOrEmpty(v) || !Domain.VisibleText.IsBlank(v)).WithMessage($"请输入{label}");

    /// <summary>Puts FluentValidation's messages next to their fields, e.g. <c>Create.BodyId</c>.</summary>
    public static bool AddErrors(this ModelStateDictionary state, ValidationResult result, string prefix)
    {
        foreach (var e in result.Errors) state.AddModelError($"{prefix}.{e.PropertyName}", e.ErrorMessage);
        return result.IsValid;
    }

    /// <summary>Puts Identity's (Chinese) messages next to one field.</summary>
    public static bool AddErrors(this ModelStateDictionary state, IdentityResult result, string key)
    {
        foreach (var e in result.Errors) state.AddModelError(key, e.Description);
        return result.Succeeded;
    }

    /// <summary>
    /// Model binding's own messages (a select posted with a value that is not an option, letters in a number
    /// field) in Chinese: otherwise a tampered or garbled post shows English text at the field.
    /// </summary>
    public static void UseChineseMessages(this DefaultModelBindingMessageProvider messages)
    {
        messages.SetAttemptedValueIsInvalidAccessor((value, _) => $"「{value}」不是有效的选项或数值，请重新选择或填写");
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"「{value}」不是有效的选项或数值，请重新选择或填写");
        messages.SetUnknownValueIsInvalidAccessor(_ => "填写的值无效，请重新选择或填写");
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => "填写的值无效，请重新选择或填写");
        messages.SetValueIsInvalidAccessor(value => $"「{value}」无效，请重新选择或填写");
        messages.SetValueMustBeANumberAccessor(_ => "请输入数字");
        messages.SetNonPropertyValueMustBeANumberAccessor(() => "请输入数字");
        messages.SetValueMustNotBeNullAccessor(_ => "此项不能为空");
        messages.SetMissingBindRequiredValueAccessor(_ => "缺少必填项");
        messages.SetMissingKeyOrValueAccessor(() => "缺少必填项");
        messages.SetMissingRequestBodyRequiredValueAccessor(() => "请求内容为空");
    }
}
